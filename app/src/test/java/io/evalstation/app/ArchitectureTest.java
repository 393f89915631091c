package io.evalstation.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Set;

/** The module arrows of docs/adr/0001, checked so that nobody has to remember them. */
@AnalyzeClasses(
    packages = "io.evalstation",
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      ArchitectureTest.DoNotIncludeTestJars.class
    })
class ArchitectureTest {

  /**
   * Test classes that reach this module as a packaged test-jar (ssh-slurm's {@code LocalCluster}
   * helper, under {@code mvn verify}) are tests too, not main code.
   */
  static final class DoNotIncludeTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar");
    }
  }

  @ArchTest
  static final ArchRule modelIsPure =
      noClasses()
          .that()
          .resideInAPackage("io.evalstation.model..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "javafx..",
              "java.sql..",
              "org.jooq..",
              "io.evalstation.persistence..",
              "io.evalstation.slurm..",
              "io.evalstation.app..",
              "com.jcraft..");

  @ArchTest
  static final ArchRule persistenceHasNoUiNorCluster =
      noClasses()
          .that()
          .resideInAPackage("io.evalstation.persistence..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "javafx..", "io.evalstation.slurm..", "io.evalstation.app..", "com.jcraft..");

  /** File formats and generators stay free of the database (docs/adr/0085). */
  @ArchTest
  static final ArchRule fileFormatsHaveNoDatabase =
      classes()
          .that()
          .resideInAPackage("io.evalstation.persistence.files..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "io.evalstation.persistence.files..",
              "io.evalstation.model..",
              "java.lang..",
              "java.util..",
              "java.io..",
              "java.nio..",
              "java.time..",
              "java.security..",
              "com.fasterxml.jackson..",
              "org.slf4j..");

  @ArchTest
  static final ArchRule clusterHasNoUiNorDatabase =
      noClasses()
          .that()
          .resideInAPackage("io.evalstation.slurm..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "javafx..",
              "java.sql..",
              "org.jooq..",
              "io.evalstation.persistence..",
              "io.evalstation.app..")
          .allowEmptyShould(true);

  /**
   * One database boundary (ADR 0090): every query, connection and driver call is in persistence.
   */
  @ArchTest
  static final ArchRule onlyPersistenceTalksToTheDatabase =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.evalstation.persistence..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.jooq..", "java.sql..", "javax.sql..", "org.postgresql..");

  @ArchTest
  static final ArchRule servicesHaveNoJavaFx =
      noClasses()
          .that()
          .resideInAPackage("io.evalstation.app.service..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..", "io.evalstation.app.ui..", "io.evalstation.app.cli..")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule cliHasNoJavaFx =
      noClasses()
          .that()
          .resideInAPackage("io.evalstation.app.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..", "io.evalstation.app.ui..");

  @ArchTest
  static final ArchRule viewModelsHaveNoControls =
      noClasses()
          .that()
          .haveSimpleNameEndingWith("ViewModel")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx.scene..");

  @ArchTest
  static final ArchRule runLaterInOnePlace =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName("io.evalstation.app.ui.task.FxThread")
          .should()
          .callMethod(javafx.application.Platform.class, "runLater", Runnable.class);

  @ArchTest
  static final ArchRule noSystemOutOutsideCli =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.evalstation.app.cli..")
          .and()
          .doNotHaveFullyQualifiedName("io.evalstation.app.Launcher")
          .should()
          .accessField(System.class, "out");

  /**
   * The packages of {@code app.ui} that every page may use: the frame, controls, background tasks,
   * what the analysis pages share. Every other package below {@code app.ui} is one feature
   * (docs/adr/0100).
   */
  static final Set<String> SHARED_UI = Set.of("shell", "controls", "task", "analysis");

  private static final String UI = "io.evalstation.app.ui.";

  /** A class's feature package below app.ui, or null for the shared ones and the root. */
  static String featureOf(JavaClass c) {
    String pkg = c.getPackageName();
    if (!pkg.startsWith(UI)) {
      return null;
    }
    String first = pkg.substring(UI.length()).split("\\.")[0];
    return SHARED_UI.contains(first) ? null : first;
  }

  @ArchTest
  static final ArchRule featurePackagesDoNotDependOnEachOther =
      slices()
          .assignedFrom(
              new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass c) {
                  String feature = featureOf(c);
                  return feature == null ? SliceIdentifier.ignore() : SliceIdentifier.of(feature);
                }

                @Override
                public String getDescription() {
                  return "the feature packages of app.ui";
                }
              })
          .should()
          .notDependOnEachOther()
          .because("a page reaches another through shell.Navigation, not by its classes");

  @ArchTest
  static final ArchRule sharedUiPackagesDoNotDependOnFeatures =
      noClasses()
          .that()
          .resideInAnyPackage(SHARED_UI.stream().map(p -> UI + p + "..").toArray(String[]::new))
          .should()
          .dependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "are in a feature package of app.ui or its root",
                  (JavaClass c) ->
                      featureOf(c) != null || c.getPackageName().equals("io.evalstation.app.ui")));
}
