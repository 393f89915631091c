package io.evalstation.persistence.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstation.persistence.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for the database's change notifications on a thread of its own ({@code pg-listen}) and
 * hands typed {@link ChangeEvent}s to subscribers, on that thread. After a dropped connection it
 * reconnects with backoff and sends a {@link ChangeEvent#resync()}, since notifications sent while
 * it was away are lost.
 */
public final class ChangeFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int POLL_MILLIS = 250;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final Database database;
  private final CopyOnWriteArrayList<Consumer<ChangeEvent>> subscribers =
      new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean connected;
  private volatile Connection connection;

  /** Starts listening. */
  public ChangeFeed(Database database) {
    this.database = database;
    this.thread = new Thread(this::run, "pg-listen");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Adds a subscriber; it is called on the {@code pg-listen} thread and must not block long. */
  public void subscribe(Consumer<ChangeEvent> subscriber) {
    subscribers.add(subscriber);
  }

  /** Removes a subscriber. */
  public void unsubscribe(Consumer<ChangeEvent> subscriber) {
    subscribers.remove(subscriber);
  }

  /** True while the listening connection is up. */
  public boolean isConnected() {
    return connected;
  }

  /** Parses a notification payload; throws with the payload when it is not one of ours. */
  public static ChangeEvent parse(String payload) {
    try {
      JsonNode n = JSON.readTree(payload);
      return new ChangeEvent(
          ChangeEvent.Kind.valueOf(n.path("kind").asText().toUpperCase(Locale.ROOT)),
          n.path("op").asText(),
          n.path("id").asLong(),
          n.path("session_id").asLong(),
          n.path("version").asInt());
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a change notification: " + payload, e);
    }
  }

  private void run() {
    long backoffMillis = 250;
    boolean firstConnect = true;
    while (running) {
      try (Connection c = database.openDedicatedConnection()) {
        connection = c;
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + ChangeEvent.CHANNEL);
        }
        connected = true;
        backoffMillis = 250;
        if (!firstConnect) {
          LOG.info("change feed reconnected");
          publish(ChangeEvent.resync());
        }
        firstConnect = false;
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
          if (notifications == null) {
            continue;
          }
          for (PGNotification n : notifications) {
            try {
              publish(parse(n.getParameter()));
            } catch (IllegalArgumentException e) {
              LOG.warn("ignoring notification: {}", e.getMessage());
            }
          }
        }
      } catch (SQLException e) {
        connected = false;
        if (!running) {
          break;
        }
        LOG.warn(
            "change feed lost its connection ({}); retrying in {} ms",
            e.getMessage(),
            backoffMillis);
        sleep(backoffMillis);
        backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
      } finally {
        connected = false;
        connection = null;
      }
    }
  }

  private void publish(ChangeEvent event) {
    for (Consumer<ChangeEvent> s : subscribers) {
      try {
        s.accept(event);
      } catch (RuntimeException e) {
        LOG.error("change subscriber failed on {}", event, e);
      }
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops listening and waits for the thread to end. */
  @Override
  public void close() {
    running = false;
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("closing the change feed's connection: {}", e.getMessage());
      }
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
