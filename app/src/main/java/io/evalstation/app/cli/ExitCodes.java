package io.evalstation.app.cli;

/** Exit codes of the {@code evalstation} command (sysexits-style where one fits). */
public final class ExitCodes {
  /** Everything worked. */
  public static final int OK = 0;

  /** The command ran but something in it failed (a file did not import, a task failed). */
  public static final int FAILED = 1;

  /** The command line was wrong. */
  public static final int USAGE = 2;

  /** Input data was bad (EX_DATAERR). */
  public static final int DATA_ERROR = 65;

  /** A named thing does not exist (EX_NOINPUT). */
  public static final int NOT_FOUND = 66;

  /** The database or the cluster could not be reached (EX_UNAVAILABLE). */
  public static final int UNAVAILABLE = 69;

  /** Waited as long as asked and the work is not finished (EX_TEMPFAIL). */
  public static final int TIMEOUT = 75;

  /** The database's schema is newer than this Evalstation (EX_CONFIG). */
  public static final int SCHEMA_TOO_NEW = 78;

  /** Interrupted or cancelled (128 + SIGINT). */
  public static final int CANCELLED = 130;

  private ExitCodes() {}
}
