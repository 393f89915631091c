package io.evalstation.persistence.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Drives an {@link EmbeddedChild}: another JVM on the same data directory. */
final class Child implements AutoCloseable {
  private static final java.util.regex.Pattern LOG_LINE =
      java.util.regex.Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ");
  private final Process process;
  private final PrintWriter in;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private Child(Process process) {
    this.process = process;
    this.in =
        new PrintWriter(
            new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
            true);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (LOG_LINE.matcher(line).lookingAt()) {
                    System.err.println("child: " + line); // its log, not an answer
                  } else {
                    lines.add(line);
                  }
                }
              } catch (IOException e) {
                lines.add("ERROR reading the child: " + e.getMessage());
              }
              lines.add("EOF");
            },
            "child-out");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a child on {@code dir} (the layout of {@code TestDatabase}). */
  static Child start(Path dir) {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      return new Child(
          new ProcessBuilder(
                  java,
                  "-cp",
                  classPath,
                  "-Devalstation.pg.runtime=" + System.getProperty("evalstation.pg.runtime", ""),
                  EmbeddedChild.class.getName(),
                  dir.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next line the child writes, or "TIMEOUT". */
  String next(Duration timeout) throws InterruptedException {
    String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return line == null ? "TIMEOUT" : line;
  }

  /** Sends a command and returns the child's answer. */
  String ask(String command, Duration timeout) throws InterruptedException {
    in.println(command);
    return next(timeout);
  }

  Process process() {
    return process;
  }

  /** Kills the child (SIGKILL), as a crash or {@code kill -9} would. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
