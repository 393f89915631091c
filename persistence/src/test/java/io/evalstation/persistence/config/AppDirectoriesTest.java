package io.evalstation.persistence.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDirectoriesTest {
  @Test
  void linuxFollowsXdg() {
    AppDirectories d = AppDirectories.resolve(Map.of(), "Linux", "/home/ada");
    assertThat(d.config()).isEqualTo(Path.of("/home/ada/.config/evalstation"));
    assertThat(d.data()).isEqualTo(Path.of("/home/ada/.local/share/evalstation"));
    assertThat(d.cache()).isEqualTo(Path.of("/home/ada/.cache/evalstation"));
    AppDirectories x =
        AppDirectories.resolve(
            Map.of("XDG_CONFIG_HOME", "/x/c", "XDG_DATA_HOME", "/x/d", "XDG_CACHE_HOME", "/x/k"),
            "Linux",
            "/home/ada");
    assertThat(x.config()).isEqualTo(Path.of("/x/c/evalstation"));
    assertThat(x.embeddedDatabase()).isEqualTo(Path.of("/x/d/evalstation/postgres"));
  }

  @Test
  void macAndWindowsUseTheirUsualPlaces() {
    AppDirectories mac = AppDirectories.resolve(Map.of(), "Mac OS X", "/Users/ada");
    assertThat(mac.data()).isEqualTo(Path.of("/Users/ada/Library/Application Support/Evalstation"));
    assertThat(mac.cache()).isEqualTo(Path.of("/Users/ada/Library/Caches/Evalstation"));
    AppDirectories win =
        AppDirectories.resolve(
            Map.of(
                "APPDATA",
                "/C/Users/ada/AppData/Roaming",
                "LOCALAPPDATA",
                "/C/Users/ada/AppData/Local"),
            "Windows 11",
            "/C/Users/ada");
    assertThat(win.config()).isEqualTo(Path.of("/C/Users/ada/AppData/Roaming/Evalstation"));
    assertThat(win.data()).isEqualTo(Path.of("/C/Users/ada/AppData/Local/Evalstation"));
  }

  @Test
  void environmentOverridesWin() {
    AppDirectories d =
        AppDirectories.resolve(
            Map.of("EVALSTATION_DATA_DIR", "/tmp/d", "EVALSTATION_CONFIG_DIR", "/tmp/c"),
            "Linux",
            "/home/ada");
    assertThat(d.data()).isEqualTo(Path.of("/tmp/d"));
    assertThat(d.config()).isEqualTo(Path.of("/tmp/c"));
    assertThat(d.withData(Path.of("/elsewhere")).cache()).isEqualTo(d.cache());
  }

  @Test
  void settingsRoundTripAndRefusePasswords(@TempDir Path dir) {
    Path file = dir.resolve("cfg").resolve("settings.properties");
    Settings s = Settings.load(file);
    assertThat(s.get(Settings.DATABASE_URL)).isEmpty();
    s.put(Settings.DATABASE_URL, "jdbc:postgresql://db:5432/evals").save();
    assertThat(Settings.load(file).get(Settings.DATABASE_URL))
        .contains("jdbc:postgresql://db:5432/evals");
    assertThatThrownBy(() -> s.put("database.password", "hunter2"))
        .hasMessageContaining("never writes passwords");
    assertThat(Files.exists(file.resolveSibling("settings.properties.tmp"))).isFalse();
  }
}
