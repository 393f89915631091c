package io.evalstation.persistence.live;

import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.db.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two desktops (two pools) on one database see each other's changes through NOTIFY. */
class ChangeFeedTest {
  @TempDir Path dir;

  @Test
  void aChangeMadeThroughOnePoolReachesTheOtherWithinASecond() throws Exception {
    try (Database first = TestDatabase.open(dir);
        Database second = TestDatabase.open(dir); // a second pool on the same server
        ChangeFeed feed = new ChangeFeed(second)) {
      BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();
      feed.subscribe(events::add);
      awaitConnected(feed);

      long id =
          first
              .dsl()
              .insertInto(EVALUATION_SESSIONS)
              .set(EVALUATION_SESSIONS.SESSION_KEY, "s1")
              .set(EVALUATION_SESSIONS.SOURCE_KIND, "launch")
              .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, "s1")
              .set(EVALUATION_SESSIONS.STATUS, "queued")
              .returning()
              .fetchOne()
              .getSessionId();
      long start = System.nanoTime();
      ChangeEvent inserted = events.poll(1, TimeUnit.SECONDS);
      assertThat(inserted)
          .isEqualTo(new ChangeEvent(ChangeEvent.Kind.SESSION, "insert", id, id, 0));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);

      first
          .dsl()
          .update(EVALUATION_SESSIONS)
          .set(EVALUATION_SESSIONS.STATUS, "running")
          .set(EVALUATION_SESSIONS.ROW_VERSION, EVALUATION_SESSIONS.ROW_VERSION.plus(1))
          .where(EVALUATION_SESSIONS.SESSION_ID.eq(id))
          .execute();
      assertThat(events.poll(1, TimeUnit.SECONDS))
          .isEqualTo(new ChangeEvent(ChangeEvent.Kind.SESSION, "update", id, id, 1));
    }
  }

  @Test
  void reconnectsAfterItsConnectionIsKilledAndAsksForAResync() throws Exception {
    try (Database db = TestDatabase.open(dir);
        ChangeFeed feed = new ChangeFeed(db)) {
      BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();
      feed.subscribe(events::add);
      awaitConnected(feed);
      try (Connection admin = db.dataSource().getConnection();
          Statement s = admin.createStatement()) {
        s.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity where query like 'LISTEN%'");
      }
      assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(ChangeEvent.resync());
      db.dsl()
          .insertInto(EVALUATION_SESSIONS)
          .set(EVALUATION_SESSIONS.SESSION_KEY, "after")
          .set(EVALUATION_SESSIONS.SOURCE_KIND, "launch")
          .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, "after")
          .set(EVALUATION_SESSIONS.STATUS, "queued")
          .execute();
      ChangeEvent e = events.poll(2, TimeUnit.SECONDS);
      assertThat(e).isNotNull();
      assertThat(e.kind()).isEqualTo(ChangeEvent.Kind.SESSION);
    }
  }

  @Test
  void parsesPayloadsAndRejectsForeignOnes() {
    assertThat(
            ChangeFeed.parse(
                "{\"kind\":\"task\",\"op\":\"update\",\"id\":7,\"session_id\":3,\"version\":2}"))
        .isEqualTo(new ChangeEvent(ChangeEvent.Kind.TASK, "update", 7, 3, 2));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChangeFeed.parse("hello"))
        .hasMessageContaining("not a change notification: hello");
  }

  private static void awaitConnected(ChangeFeed feed) throws InterruptedException {
    for (int i = 0; i < 100 && !feed.isConnected(); i++) {
      Thread.sleep(50);
    }
    assertThat(feed.isConnected()).isTrue();
    Thread.sleep(100); // LISTEN is issued right after connecting
  }
}
