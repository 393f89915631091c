package io.evalstation.persistence.analytics;

import io.evalstation.persistence.SharedDatabase;
import io.evalstation.persistence.db.Database;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The hand-computed {@link Corpus} in one embedded database, shared by the analytics tests of a run
 * (they only read it), so that the analytics split by question costs no extra server start.
 * Register it with {@code @RegisterExtension static final CorpusDatabase corpus = new
 * CorpusDatabase();}.
 */
final class CorpusDatabase implements BeforeAllCallback {
  private final SharedDatabase shared = new SharedDatabase("analytics-corpus");
  private Corpus corpus;
  private Analytics analytics;

  @Override
  public void beforeAll(ExtensionContext context) {
    shared.beforeAll(context);
    corpus =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.create(CorpusDatabase.class))
            .getOrComputeIfAbsent(Corpus.class, k -> Corpus.load(shared.db().dsl()), Corpus.class);
    analytics = new Analytics(shared.db());
  }

  Database db() {
    return shared.db();
  }

  Corpus corpus() {
    return corpus;
  }

  Analytics analytics() {
    return analytics;
  }
}
