package io.evalstation.slurm.ssh;

import java.nio.file.Path;

/** Asks the user for the passphrase of an encrypted private key. Nothing is stored. */
@FunctionalInterface
public interface PassphrasePrompt {
  /** Never answers: encrypted keys are skipped. */
  PassphrasePrompt NONE = (key, attempt) -> null;

  /**
   * @param identityFile the encrypted key
   * @param attempt 1 for the first question, 2 after a wrong passphrase, …
   * @return the passphrase (the caller wipes the array), or null to skip this key
   */
  char[] passphrase(Path identityFile, int attempt);
}
