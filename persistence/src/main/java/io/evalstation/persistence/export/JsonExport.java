package io.evalstation.persistence.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;

/** Records, maps and lists as one pretty-printed JSON document, times as ISO-8601 text. */
public final class JsonExport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .registerModule(
              new SimpleModule()
                  .addSerializer(Instant.class, ToStringSerializer.instance)
                  .addSerializer(Duration.class, ToStringSerializer.instance));

  private JsonExport() {}

  /** Writes {@code value} and a line end. */
  public static void write(Object value, Writer out) throws IOException {
    out.write(MAPPER.writeValueAsString(value));
    out.write(System.lineSeparator());
    out.flush();
  }
}
