package io.evalstation.app.ui.leaderboard;

import javafx.scene.layout.Region;

/**
 * A small drawn 95% confidence interval: a thin track for the whole scale, a bar from the lower to
 * the upper bound, and a tick at the mean. Every row of a table shares one scale, so bars compare
 * at a glance.
 */
final class CiBar extends Region {
  private final Region track = new Region();
  private final Region interval = new Region();
  private final Region mean = new Region();
  private double scaleLow = 0;
  private double scaleHigh = 1;
  private double low = Double.NaN;
  private double high = Double.NaN;
  private double centre = Double.NaN;

  CiBar() {
    getStyleClass().add("ci-bar");
    track.getStyleClass().add("ci-track");
    interval.getStyleClass().add("ci-interval");
    mean.getStyleClass().add("ci-mean");
    getChildren().addAll(track, interval, mean);
    setMinHeight(14);
    setPrefHeight(14);
    setPrefWidth(140);
  }

  /** Shows an interval on a scale; NaN bounds show only the track. */
  void show(double scaleLow, double scaleHigh, double low, double centre, double high) {
    this.scaleLow = scaleLow;
    this.scaleHigh = scaleHigh;
    this.low = low;
    this.centre = centre;
    this.high = high;
    requestLayout();
  }

  @Override
  protected void layoutChildren() {
    double w = getWidth() - snappedLeftInset() - snappedRightInset();
    double h = getHeight() - snappedTopInset() - snappedBottomInset();
    double x0 = snappedLeftInset();
    double y0 = snappedTopInset();
    track.resizeRelocate(x0, y0 + h / 2 - 1, w, 2);
    boolean hasInterval = !Double.isNaN(low) && !Double.isNaN(high) && scaleHigh > scaleLow;
    interval.setVisible(hasInterval);
    mean.setVisible(hasInterval && !Double.isNaN(centre));
    if (hasInterval) {
      double a = x0 + w * fraction(low);
      double b = x0 + w * fraction(high);
      interval.resizeRelocate(a, y0 + h / 2 - 3, Math.max(2, b - a), 6);
      double m = x0 + w * fraction(centre);
      mean.resizeRelocate(m - 1, y0, 2, h);
    }
  }

  private double fraction(double v) {
    return Math.max(0, Math.min(1, (v - scaleLow) / (scaleHigh - scaleLow)));
  }
}
