package io.evalstation.persistence.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a lost database from a refused statement: SQLSTATE class 08 (connection exception), 57P01
 * to 57P03 (the server shutting down, crashed, or not yet accepting connections), a pool that found
 * no connection in time, or Evalstation's own {@link DatabaseUnavailableException}.
 */
final class ConnectionFailures {
  private ConnectionFailures() {}

  static boolean isConnectionLost(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DatabaseUnavailableException
          || t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException e && e.getSQLState() != null) {
        String state = e.getSQLState();
        if (state.startsWith("08") || state.matches("57P0[123]")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The message of the innermost cause that has one. */
  static String message(Throwable failure) {
    String message = String.valueOf(failure);
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message;
  }

  /** Every message along the chain of causes, joined. */
  static String allMessages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
