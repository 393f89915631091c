package io.evalstation.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (the build's version), or "development". */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"evalstation " + version()};
  }

  /** This build's version. */
  public static String version() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
