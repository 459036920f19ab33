#include "engine/http/detail/svg_chart.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace awardflow::http::detail {
namespace {

constexpr int kWidth = 720;
constexpr int kLabelWidth = 250;
constexpr int kRow = 26;
constexpr int kTop = 34;
constexpr int kPlot = kWidth - kLabelWidth - 70;

// Text inside SVG elements (the http module does not reach into xml/; five characters).
std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string number(double value, bool percent) {
  std::array<char, 32> buffer{};
  if (percent) {
    std::snprintf(buffer.data(), buffer.size(), "%.1f %%", value * 100);
  } else if (value == static_cast<double>(static_cast<long long>(value))) {
    std::snprintf(buffer.data(), buffer.size(), "%lld", static_cast<long long>(value));
  } else {
    std::snprintf(buffer.data(), buffer.size(), "%.1f", value);
  }
  return buffer.data();
}

std::string px(double value) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.1f", value);
  return buffer.data();
}

// At most `n` characters (not bytes) of a label, with an ellipsis.
std::string shortened(const std::string& text, std::size_t n) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++chars > n)
      return text.substr(0, i) + "…";
  }
  return text;
}

}  // namespace

std::string renderBarChart(const BarChart& chart) {
  double top = chart.percent ? 1.0 : 0.0;
  for (const ChartBar& bar : chart.bars) {
    double sum = 0;
    for (double v : bar.values) sum += v;
    top = std::max(top, sum);
  }
  if (chart.target) top = std::max(top, *chart.target);
  if (top <= 0) top = 1;
  const bool legend = chart.series.size() > 1;
  const int rows = static_cast<int>(chart.bars.size());
  const int height = kTop + rows * kRow + (legend ? 30 : 8) + (chart.target ? 18 : 0);
  std::string desc;
  for (const ChartBar& bar : chart.bars) {
    desc += bar.label + ":";
    for (std::size_t i = 0; i < bar.values.size(); ++i) {
      desc += " " + (i < chart.series.size() ? chart.series[i].name + " " : "") +
              number(bar.values[i], chart.percent);
    }
    desc += "; ";
  }
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" "
      "viewBox=\"0 0 " +
      std::to_string(kWidth) + " " + std::to_string(height) + "\" width=\"100%\">";
  svg += "<title>" + escaped(chart.title) + "</title>";
  svg += "<desc>" + escaped(desc) + "</desc>";
  svg += "<text x=\"0\" y=\"18\" font-size=\"15\" font-weight=\"bold\" fill=\"#1a1a1a\">" +
         escaped(chart.title) + "</text>";
  for (int r = 0; r < rows; ++r) {
    const ChartBar& bar = chart.bars[static_cast<std::size_t>(r)];
    const int y = kTop + r * kRow;
    svg += "<text x=\"" + std::to_string(kLabelWidth - 8) + "\" y=\"" + std::to_string(y + 16) +
           "\" font-size=\"13\" text-anchor=\"end\" fill=\"#1a1a1a\">" +
           escaped(shortened(bar.label, 34)) + "</text>";
    double x = kLabelWidth;
    double sum = 0;
    for (std::size_t i = 0; i < bar.values.size(); ++i) {
      const double w = bar.values[i] / top * kPlot;
      sum += bar.values[i];
      if (w <= 0) continue;
      const std::string colour = i < chart.series.size() ? chart.series[i].colour : "#555555";
      svg += "<rect x=\"" + px(x) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + px(w) +
             "\" height=\"18\" fill=\"" + colour + "\"/>";
      x += w;
    }
    svg += "<text x=\"" + px(x + 6) + "\" y=\"" + std::to_string(y + 16) +
           "\" font-size=\"13\" fill=\"#1a1a1a\">" + number(sum, chart.percent) + "</text>";
  }
  if (chart.target) {
    const double x = kLabelWidth + *chart.target / top * kPlot;
    const int bottom = kTop + rows * kRow;
    svg += "<line x1=\"" + px(x) + "\" y1=\"" + std::to_string(kTop - 4) + "\" x2=\"" + px(x) +
           "\" y2=\"" + std::to_string(bottom) +
           "\" stroke=\"#b71c1c\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>";
    svg += "<text x=\"" + px(x) + "\" y=\"" + std::to_string(bottom + 14) +
           "\" font-size=\"12\" text-anchor=\"middle\" fill=\"#b71c1c\">" +
           escaped(chart.target_label) + "</text>";
  }
  if (legend) {
    int x = 0;
    const int y = height - 14;
    for (const ChartSeries& s : chart.series) {
      svg += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y - 10) +
             "\" width=\"12\" height=\"12\" fill=\"" + s.colour + "\"/>";
      svg += "<text x=\"" + std::to_string(x + 16) + "\" y=\"" + std::to_string(y) +
             "\" font-size=\"12\" fill=\"#1a1a1a\">" + escaped(s.name) + "</text>";
      std::size_t chars = 0;
      for (char c : s.name) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
      x += 28 + static_cast<int>(chars) * 7;
    }
  }
  return svg + "</svg>";
}

}  // namespace awardflow::http::detail
