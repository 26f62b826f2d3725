#pragma once
/// Plots of the evaluation report, drawn with cairo into PNG files: line charts (with
/// optional points and a diagonal), histograms, and a map of the Strait with marked
/// positions. Deliberately plain: axes, ticks, labels, a legend.

#include <string>
#include <utility>
#include <vector>

#include "core/geo.h"
#include "core/result.h"
#include "sim/geography.h"

namespace sw::eval {

struct Rgb {
  double red = 0, green = 0, blue = 0;
};

/// One line (or set of points) of a chart.
struct Series {
  std::string label;
  std::vector<double> x, y;
  Rgb colour;
  bool markers = false;  ///< draw a dot at each point
  bool line = true;
};

struct Chart {
  std::string title, x_label, y_label;
  double x_min = 0, x_max = 1, y_min = 0, y_max = 1;
  std::vector<Series> series;
  bool diagonal = false;        ///< dashed y = x (calibration)
  std::vector<double> x_marks;  ///< dashed vertical lines (targets)
};

/// A line chart as PNG (800 x 480).
Status write_chart_png(const std::string& path, const Chart& chart);

/// A histogram of `values` in bins of `bin_width` from `low`, as PNG.
Status write_histogram_png(const std::string& path, const std::string& title,
                           const std::string& x_label, const std::vector<double>& values,
                           double low, double bin_width, std::vector<double> x_marks = {});

/// A marked position on the map.
struct MapMark {
  LatLon position;
  Rgb colour;
  std::string label;  ///< drawn beside the mark when not empty
};

/// The geography's lanes, zones and named points with `marks`, as PNG; `legend` pairs a
/// colour with its meaning.
Status write_map_png(const std::string& path, const std::string& title,
                     const sim::Geography& geography, const std::vector<MapMark>& marks,
                     const std::vector<std::pair<Rgb, std::string>>& legend);

/// Frees cairo's and fontconfig's caches (call when done plotting; leak checkers then see
/// nothing left over).
void release_plot_caches();

}  // namespace sw::eval
