package io.evalstation.app.ui.settings;

import io.evalstation.app.ui.task.FxThread;
import io.evalstation.slurm.ssh.HostKeyPrompt;
import io.evalstation.slurm.ssh.PassphrasePrompt;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The questions an SSH connection asks the user, as dialogs. Called on the background SSH thread:
 * the dialog is shown on the FX thread and the SSH thread waits for the answer (the FX thread never
 * waits).
 */
public final class FxClusterPrompts implements HostKeyPrompt, PassphrasePrompt {
  public static final ButtonType ACCEPT = new ButtonType("Accept", ButtonBar.ButtonData.OK_DONE);
  public static final ButtonType REJECT =
      new ButtonType("Reject", ButtonBar.ButtonData.CANCEL_CLOSE);

  private final Supplier<Window> owner;

  /**
   * @param owner the window the dialogs belong to (may supply null)
   */
  public FxClusterPrompts(Supplier<Window> owner) {
    this.owner = owner;
  }

  @Override
  public boolean acceptUnknownHost(String host, String keyType, String sha256Fingerprint) {
    return ask(
        () -> {
          Dialog<Boolean> d = new Dialog<>();
          d.setTitle("Unknown host key");
          d.setHeaderText("Is this the key of " + host + "?");
          Label hostLabel = new Label(host);
          hostLabel.setId("host-key-host");
          Label typeLabel = new Label(keyType);
          typeLabel.setId("host-key-type");
          Label fp = new Label(sha256Fingerprint);
          fp.setId("host-key-fingerprint");
          fp.getStyleClass().add("monospace");
          GridPane grid = new GridPane();
          grid.setHgap(10);
          grid.setVgap(6);
          grid.addRow(0, new Label("Host"), hostLabel);
          grid.addRow(1, new Label("Key type"), typeLabel);
          grid.addRow(2, new Label("Fingerprint"), fp);
          Label hint =
              new Label(
                  "Compare with what the cluster's administrators publish (ssh-keygen -lf on the"
                      + " host key). Accepting adds the key to known_hosts.");
          hint.setWrapText(true);
          hint.setMaxWidth(460);
          d.getDialogPane().setContent(new VBox(10, grid, hint));
          d.getDialogPane().setId("host-key-dialog");
          d.getDialogPane().getButtonTypes().setAll(ACCEPT, REJECT);
          d.getDialogPane().lookupButton(ACCEPT).setId("host-key-accept");
          d.getDialogPane().lookupButton(REJECT).setId("host-key-reject");
          d.setResultConverter(b -> b == ACCEPT);
          return d;
        },
        Boolean.FALSE);
  }

  @Override
  public char[] passphrase(Path identityFile, int attempt) {
    String answer =
        ask(
            () -> {
              Dialog<String> d = new Dialog<>();
              d.setTitle("Key passphrase");
              d.setHeaderText(
                  (attempt > 1 ? "Wrong passphrase. " : "")
                      + "Passphrase for "
                      + identityFile
                      + " (not stored)");
              PasswordField field = new PasswordField();
              field.setId("passphrase-field");
              d.getDialogPane().setContent(field);
              d.getDialogPane().setId("passphrase-dialog");
              d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
              d.setResultConverter(b -> b == ButtonType.OK ? field.getText() : null);
              return d;
            },
            null);
    return answer == null ? null : answer.toCharArray();
  }

  private <T> T ask(Supplier<Dialog<T>> dialog, T dismissed) {
    if (Platform.isFxApplicationThread()) {
      // Only reachable if someone connects on the FX thread; answer without blocking it forever.
      return dialog.get().showAndWait().orElse(dismissed);
    }
    CompletableFuture<T> answer = new CompletableFuture<>();
    FxThread.run(
        () -> {
          try {
            Dialog<T> d = dialog.get();
            Window w = owner.get();
            if (w != null) {
              d.initOwner(w);
            }
            d.setOnHidden(e -> answer.complete(d.getResult() == null ? dismissed : d.getResult()));
            d.show();
          } catch (RuntimeException e) {
            answer.completeExceptionally(e);
          }
        });
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return dismissed;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot show the question: " + e.getCause(), e.getCause());
    }
  }
}
