package io.evalstation.persistence.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session export rows. Every figure against values computed by hand from {@link Corpus}. */
class SessionExportRepositoryTest {
  private static final Offset<Double> EPS = within(1e-9);
  private static final MetricSelector PASS = MetricSelector.parse("pass@1");

  @RegisterExtension static final CorpusDatabase corpus = new CorpusDatabase();

  private SessionExportRepository repo() {
    return corpus.analytics().sessionExports();
  }

  @Test
  void sessionExportRows() {
    List<SessionTaskRow> tasks = repo().sessionTasks(corpus.corpus().s1);
    assertThat(tasks).hasSize(2);
    assertThat(tasks.get(0).metrics()).isEqualTo("pass_at_1,none=0.6");
    assertThat(tasks.get(0).durationSeconds()).isCloseTo(3600.0, EPS);
    List<PredictionRow> rows = new ArrayList<>();
    repo().forEachSessionPrediction(corpus.corpus().s1, rows::add);
    assertThat(rows).hasSize(14);
    assertThat(rows.get(0).model()).isEqualTo("alpha");
    assertThat(rows.get(13).sampleId()).isEqualTo(13);
  }
}
