package io.evalstation.persistence.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.persistence.OtherUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file is private and never holds a password, also one an older version wrote. */
class SettingsTest {
  @TempDir Path dir;

  @Test
  void theSettingsFileIsPrivateInAPrivateDirectory() throws Exception {
    Path file = dir.resolve("config").resolve("settings.properties");
    Settings.load(file).put(Settings.DATABASE_USER, "ada").save();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    if (OtherUser.available()) {
      OtherUser.openUpTo(dir);
      assertThat(OtherUser.run("cat", file.toString()).output()).doesNotContain("ada");
    }
  }

  @Test
  void aUrlWithAPasswordIsRefusedAndTheRefusalDoesNotRepeatIt() {
    Settings s = Settings.load(dir.resolve("settings.properties"));
    assertThatThrownBy(
            () -> s.put(Settings.DATABASE_URL, "jdbc:postgresql://db.lab/evals?password=hunter2"))
        .hasMessageContaining("holds a password")
        .hasMessageContaining("~/.pgpass")
        .hasMessageNotContaining("hunter2");
    assertThat(s.get(Settings.DATABASE_URL)).isEmpty();
  }

  @Test
  void aPasswordAnOlderVersionSavedIsLeftOutAndTheFileMadePrivate() throws Exception {
    Path file = dir.resolve("settings.properties");
    Files.writeString(
        file,
        "database.url=jdbc:postgresql://db.lab/evals?password=hunter2&sslmode=verify-full\n"
            + "ui.theme=dark\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Settings s = Settings.load(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    s.put("ui.theme", "light").save();
    assertThat(Files.readString(file)).doesNotContain("hunter2");
    assertThat(Settings.load(file).get(Settings.DATABASE_URL))
        .contains("jdbc:postgresql://db.lab/evals?sslmode=verify-full");
    assertThat(Settings.load(file).get("ui.theme")).contains("light");
  }
}
