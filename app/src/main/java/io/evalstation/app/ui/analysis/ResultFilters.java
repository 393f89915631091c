package io.evalstation.app.ui.analysis;

import io.evalstation.persistence.analytics.AnalysisChoices;
import io.evalstation.persistence.analytics.ResultFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;

/**
 * The researcher's filters of an analysis page (dataset, category, family, specialization, preset,
 * time window, minimum evaluations) with the values the data offers for each, as one {@link
 * ResultFilter} — the same filter the command line's options build.
 */
public final class ResultFilters {
  /** The choice that filters nothing, first in every filter's list. */
  public static final String ANY = "Any";

  /** How far back results count. */
  public enum TimeWindow {
    ALL("All time", null),
    DAY("Last 24 hours", Duration.ofDays(1)),
    WEEK("Last 7 days", Duration.ofDays(7)),
    MONTH("Last 30 days", Duration.ofDays(30)),
    YEAR("Last 365 days", Duration.ofDays(365));

    private final String label;
    private final Duration length;

    TimeWindow(String label, Duration length) {
      this.label = label;
      this.length = length;
    }

    /** The window's start, or null for all time. */
    Instant start(Instant now) {
      return length == null ? null : now.minus(length);
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final ReadOnlyListWrapper<String> datasets = options();
  private final ReadOnlyListWrapper<String> categories = options();
  private final ReadOnlyListWrapper<String> families = options();
  private final ReadOnlyListWrapper<String> specializations = options();
  private final ReadOnlyListWrapper<String> presets = options();
  private final StringProperty dataset = new SimpleStringProperty(ANY);
  private final StringProperty category = new SimpleStringProperty(ANY);
  private final StringProperty family = new SimpleStringProperty(ANY);
  private final StringProperty specialization = new SimpleStringProperty(ANY);
  private final StringProperty preset = new SimpleStringProperty(ANY);
  private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>(TimeWindow.ALL);
  private final IntegerProperty minEvaluations = new SimpleIntegerProperty(1);
  private boolean offering;

  private static ReadOnlyListWrapper<String> options() {
    return new ReadOnlyListWrapper<>(FXCollections.observableArrayList(ANY));
  }

  /** Calls {@code reload} each time the user changes a filter (not when new choices arrive). */
  public void onChanged(Runnable reload) {
    ChangeListener<Object> l =
        (o, a, b) -> {
          if (!offering) {
            reload.run();
          }
        };
    for (var p :
        List.of(dataset, category, family, specialization, preset, window, minEvaluations)) {
      p.addListener(l);
    }
  }

  /** Takes the values the data has now; a chosen value that is gone becomes {@link #ANY}. */
  public void offer(AnalysisChoices c) {
    offering = true;
    try {
      replace(datasets, c.datasets(), dataset);
      replace(categories, c.datasetCategories(), category);
      replace(families, c.modelFamilies(), family);
      replace(specializations, c.specializations(), specialization);
      replace(presets, c.presets(), preset);
    } finally {
      offering = false;
    }
  }

  private static void replace(
      ReadOnlyListWrapper<String> list, List<String> values, StringProperty chosen) {
    list.setAll(ANY);
    list.addAll(values);
    if (!list.contains(chosen.get())) {
      chosen.set(ANY);
    }
  }

  /** The filter the controls describe now; the time window ends at {@code now}. */
  public ResultFilter toFilter(Instant now) {
    ResultFilter f =
        ResultFilter.all()
            .withDatasetCategory(any(category.get()))
            .withModelFamily(any(family.get()))
            .withSpecialization(any(specialization.get()))
            .withPreset(any(preset.get()))
            .withMinEvaluations(Math.max(1, minEvaluations.get()));
    String d = any(dataset.get());
    if (d != null) {
      f = f.withDatasets(d);
    }
    Instant start = window.get() == null ? null : window.get().start(now);
    return start == null ? f : f.withWindow(start, null);
  }

  private static String any(String choice) {
    return choice == null || choice.equals(ANY) ? null : choice;
  }

  public ReadOnlyListProperty<String> datasetsProperty() {
    return datasets.getReadOnlyProperty();
  }

  public ReadOnlyListProperty<String> categoriesProperty() {
    return categories.getReadOnlyProperty();
  }

  public ReadOnlyListProperty<String> familiesProperty() {
    return families.getReadOnlyProperty();
  }

  public ReadOnlyListProperty<String> specializationsProperty() {
    return specializations.getReadOnlyProperty();
  }

  public ReadOnlyListProperty<String> presetsProperty() {
    return presets.getReadOnlyProperty();
  }

  public StringProperty datasetProperty() {
    return dataset;
  }

  public StringProperty categoryProperty() {
    return category;
  }

  public StringProperty familyProperty() {
    return family;
  }

  public StringProperty specializationProperty() {
    return specialization;
  }

  public StringProperty presetProperty() {
    return preset;
  }

  public ObjectProperty<TimeWindow> windowProperty() {
    return window;
  }

  public IntegerProperty minEvaluationsProperty() {
    return minEvaluations;
  }
}
