#pragma once

// Bar charts drawn by the server as inline SVG (reports, issue #8): no script, no external file,
// presentation attributes only (the pages' Content-Security-Policy forbids inline styles). Each
// chart has a <title> and a <desc> listing its values, for screen readers.

#include <optional>
#include <string>
#include <vector>

namespace awardflow::http::detail {

struct ChartSeries {
  std::string name;
  std::string colour;  // "#1b5e20"
};

struct ChartBar {
  std::string label;
  std::vector<double> values;  // one per series, stacked left to right
};

struct BarChart {
  std::string title;
  std::vector<ChartSeries> series;
  std::vector<ChartBar> bars;
  bool percent = false;          // values are shares 0–1, the axis runs to 100 %
  std::optional<double> target;  // a vertical line (a share when percent)
  std::string target_label;
};

// Horizontal bars, one row per bar, a legend when there is more than one series.
std::string renderBarChart(const BarChart& chart);

}  // namespace awardflow::http::detail
