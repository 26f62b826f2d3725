#include "eval/plot.h"

#include <cairo.h>
#include <fmt/format.h>
#include <fontconfig/fontconfig.h>
#include <algorithm>
#include <cmath>
#include <memory>

#include "core/shared_library.h"

namespace sw::eval {
namespace {

// cairo (and fontconfig, whose caches release_plot_caches frees), opened when a plot
// is first drawn (core/shared_library.h).
// clang-format off
#define SW_CAIRO_FUNCTIONS(X) \
  X(cairo_arc)                      \
  X(cairo_clip)                     \
  X(cairo_close_path)               \
  X(cairo_create)                   \
  X(cairo_debug_reset_static_data)  \
  X(cairo_destroy)                  \
  X(cairo_fill)                     \
  X(cairo_fill_preserve)            \
  X(cairo_image_surface_create)     \
  X(cairo_line_to)                  \
  X(cairo_move_to)                  \
  X(cairo_paint)                    \
  X(cairo_rectangle)                \
  X(cairo_rel_move_to)              \
  X(cairo_restore)                  \
  X(cairo_rotate)                   \
  X(cairo_save)                     \
  X(cairo_select_font_face)         \
  X(cairo_set_dash)                 \
  X(cairo_set_font_size)            \
  X(cairo_set_line_width)           \
  X(cairo_set_source_rgb)           \
  X(cairo_show_text)                \
  X(cairo_status_to_string)         \
  X(cairo_stroke)                   \
  X(cairo_surface_destroy)          \
  X(cairo_surface_flush)            \
  X(cairo_surface_write_to_png)     \
  X(cairo_text_extents)
// clang-format on
struct CairoApi {
  SW_CAIRO_FUNCTIONS(SW_SHARED_API_MEMBER)
  SW_SHARED_API_MEMBER(FcFini)
};
Status bind_cairo(void* library, const char* soname, CairoApi& api) {
  SW_CAIRO_FUNCTIONS(SW_SHARED_API_BIND)
  auto fontconfig = open_shared_library(SW_FONTCONFIG_SONAME);
  if (!fontconfig) return fontconfig.error();
  library = *fontconfig;
  soname = SW_FONTCONFIG_SONAME;
  SW_SHARED_API_BIND(FcFini)
  return Ok{};
}
Result<const CairoApi*> load_cairo() {
  return load_shared_api<CairoApi>(SW_CAIRO_SONAME, bind_cairo);
}
/// cairo's functions: called only after load_cairo() succeeded (each write_*_png).
const CairoApi& cairo() { return *load_cairo().value(); }

constexpr int kWidth = 800;
constexpr int kHeight = 480;
constexpr double kLeft = 70, kRight = 20, kTop = 40, kBottom = 55;

struct SurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo().cairo_surface_destroy(surface); }
};
struct ContextDeleter {
  void operator()(cairo_t* context) const { cairo().cairo_destroy(context); }
};

/// A white canvas with a title.
class Canvas {
 public:
  Canvas()
      : surface_(cairo().cairo_image_surface_create(CAIRO_FORMAT_RGB24, kWidth, kHeight)),
        context_(cairo().cairo_create(surface_.get())) {
    cairo().cairo_set_source_rgb(cr(), 1, 1, 1);
    cairo().cairo_paint(cr());
    cairo().cairo_select_font_face(cr(), "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                                   CAIRO_FONT_WEIGHT_NORMAL);
  }
  cairo_t* cr() { return context_.get(); }

  void colour(const Rgb& rgb) { cairo().cairo_set_source_rgb(cr(), rgb.red, rgb.green, rgb.blue); }
  void text(double x, double y, const std::string& text, double size, double align = 0.0) {
    cairo().cairo_set_font_size(cr(), size);
    cairo_text_extents_t extents;
    cairo().cairo_text_extents(cr(), text.c_str(), &extents);
    cairo().cairo_move_to(cr(), x - extents.width * align, y);
    cairo().cairo_show_text(cr(), text.c_str());
  }
  void title(const std::string& title) {
    colour({0, 0, 0});
    text(kWidth / 2.0, 24, title, 16, 0.5);
  }
  Status save(const std::string& path) {
    cairo().cairo_surface_flush(surface_.get());
    const cairo_status_t status = cairo().cairo_surface_write_to_png(surface_.get(), path.c_str());
    if (status != CAIRO_STATUS_SUCCESS) {
      return Error{"plot_write", path + ": " + cairo().cairo_status_to_string(status)};
    }
    return Ok{};
  }

 private:
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface_;
  std::unique_ptr<cairo_t, ContextDeleter> context_;
};

/// Data coordinates to pixels inside the plot frame.
struct Frame {
  double x_min, x_max, y_min, y_max;
  double px(double x) const {
    return kLeft + (x - x_min) / (x_max - x_min) * (kWidth - kLeft - kRight);
  }
  double py(double y) const {
    return kHeight - kBottom - (y - y_min) / (y_max - y_min) * (kHeight - kTop - kBottom);
  }
};

/// A "nice" tick step for a range (1, 2 or 5 x 10^n, about 6 ticks).
double tick_step(double range) {
  const double raw = range / 6.0;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double factor : {1.0, 2.0, 5.0}) {
    if (raw <= factor * magnitude) return factor * magnitude;
  }
  return 10.0 * magnitude;
}

void draw_axes(Canvas& canvas, const Frame& frame, const std::string& x_label,
               const std::string& y_label) {
  cairo_t* cr = canvas.cr();
  cairo().cairo_set_line_width(cr, 1.0);
  const double x_step = tick_step(frame.x_max - frame.x_min);
  const double y_step = tick_step(frame.y_max - frame.y_min);
  // Grid and tick labels.
  for (double x = std::ceil(frame.x_min / x_step) * x_step; x <= frame.x_max + 1e-9; x += x_step) {
    canvas.colour({0.9, 0.9, 0.9});
    cairo().cairo_move_to(cr, frame.px(x), frame.py(frame.y_min));
    cairo().cairo_line_to(cr, frame.px(x), frame.py(frame.y_max));
    cairo().cairo_stroke(cr);
    canvas.colour({0.2, 0.2, 0.2});
    canvas.text(frame.px(x), kHeight - kBottom + 16, fmt::format("{:g}", x), 11, 0.5);
  }
  for (double y = std::ceil(frame.y_min / y_step) * y_step; y <= frame.y_max + 1e-9; y += y_step) {
    canvas.colour({0.9, 0.9, 0.9});
    cairo().cairo_move_to(cr, frame.px(frame.x_min), frame.py(y));
    cairo().cairo_line_to(cr, frame.px(frame.x_max), frame.py(y));
    cairo().cairo_stroke(cr);
    canvas.colour({0.2, 0.2, 0.2});
    canvas.text(kLeft - 6, frame.py(y) + 4, fmt::format("{:g}", y), 11, 1.0);
  }
  canvas.colour({0, 0, 0});
  cairo().cairo_rectangle(cr, kLeft, kTop, kWidth - kLeft - kRight, kHeight - kTop - kBottom);
  cairo().cairo_stroke(cr);
  canvas.text(kLeft + (kWidth - kLeft - kRight) / 2.0, kHeight - 14, x_label, 12, 0.5);
  cairo().cairo_save(cr);
  cairo().cairo_move_to(cr, 18, kTop + (kHeight - kTop - kBottom) / 2.0);
  cairo().cairo_rotate(cr, -M_PI / 2);
  cairo().cairo_set_font_size(cr, 12);
  cairo_text_extents_t extents;
  cairo().cairo_text_extents(cr, y_label.c_str(), &extents);
  cairo().cairo_rel_move_to(cr, -extents.width / 2, 0);
  cairo().cairo_show_text(cr, y_label.c_str());
  cairo().cairo_restore(cr);
}

/// Clips drawing to the plot frame until cairo().cairo_restore().
void clip_to_frame(Canvas& canvas) {
  cairo().cairo_save(canvas.cr());
  cairo().cairo_rectangle(canvas.cr(), kLeft, kTop, kWidth - kLeft - kRight,
                          kHeight - kTop - kBottom);
  cairo().cairo_clip(canvas.cr());
}

void dashed_line(Canvas& canvas, double x0, double y0, double x1, double y1) {
  cairo_t* cr = canvas.cr();
  const double dashes[] = {6.0, 4.0};
  cairo().cairo_save(cr);
  cairo().cairo_set_dash(cr, dashes, 2, 0);
  canvas.colour({0.4, 0.4, 0.4});
  cairo().cairo_move_to(cr, x0, y0);
  cairo().cairo_line_to(cr, x1, y1);
  cairo().cairo_stroke(cr);
  cairo().cairo_restore(cr);
}

void draw_legend(Canvas& canvas, const std::vector<std::pair<Rgb, std::string>>& entries) {
  double y = kTop + 16;
  for (const auto& [colour, label] : entries) {
    if (label.empty()) continue;
    canvas.colour(colour);
    cairo().cairo_rectangle(canvas.cr(), kWidth - kRight - 190, y - 9, 12, 10);
    cairo().cairo_fill(canvas.cr());
    canvas.colour({0, 0, 0});
    canvas.text(kWidth - kRight - 172, y, label, 11);
    y += 16;
  }
}

}  // namespace

Status write_chart_png(const std::string& path, const Chart& chart) {
  if (auto loaded = load_cairo(); !loaded) return loaded.error();
  Canvas canvas;
  canvas.title(chart.title);
  const Frame frame{chart.x_min, chart.x_max > chart.x_min ? chart.x_max : chart.x_min + 1,
                    chart.y_min, chart.y_max > chart.y_min ? chart.y_max : chart.y_min + 1};
  draw_axes(canvas, frame, chart.x_label, chart.y_label);
  if (chart.diagonal) {
    dashed_line(canvas, frame.px(frame.x_min), frame.py(frame.x_min), frame.px(frame.x_max),
                frame.py(frame.x_max));
  }
  for (const double mark : chart.x_marks) {
    dashed_line(canvas, frame.px(mark), frame.py(frame.y_min), frame.px(mark),
                frame.py(frame.y_max));
  }
  cairo_t* cr = canvas.cr();
  clip_to_frame(canvas);
  std::vector<std::pair<Rgb, std::string>> legend;
  for (const Series& series : chart.series) {
    canvas.colour(series.colour);
    cairo().cairo_set_line_width(cr, 2.0);
    const std::size_t count = std::min(series.x.size(), series.y.size());
    if (series.line) {
      for (std::size_t index = 0; index < count; ++index) {
        const double x = frame.px(series.x[index]), y = frame.py(series.y[index]);
        index == 0 ? cairo().cairo_move_to(cr, x, y) : cairo().cairo_line_to(cr, x, y);
      }
      cairo().cairo_stroke(cr);
    }
    if (series.markers) {
      for (std::size_t index = 0; index < count; ++index) {
        cairo().cairo_arc(cr, frame.px(series.x[index]), frame.py(series.y[index]), 4, 0, 2 * M_PI);
        cairo().cairo_fill(cr);
      }
    }
    legend.emplace_back(series.colour, series.label);
  }
  cairo().cairo_restore(cr);
  draw_legend(canvas, legend);
  return canvas.save(path);
}

Status write_histogram_png(const std::string& path, const std::string& title,
                           const std::string& x_label, const std::vector<double>& values,
                           double low, double bin_width, std::vector<double> x_marks) {
  if (auto loaded = load_cairo(); !loaded) return loaded.error();
  Canvas canvas;
  canvas.title(title);
  double high = low + bin_width;
  for (const double value : values) high = std::max(high, value + bin_width);
  for (const double mark : x_marks) high = std::max(high, mark + bin_width);
  const auto bins = static_cast<std::size_t>(std::ceil((high - low) / bin_width));
  std::vector<std::size_t> counts(bins, 0);
  for (const double value : values) {
    const auto index = static_cast<std::size_t>(std::max(0.0, (value - low) / bin_width));
    ++counts[std::min(index, bins - 1)];
  }
  const std::size_t most = counts.empty() ? 1 : *std::max_element(counts.begin(), counts.end());
  const Frame frame{low, low + static_cast<double>(bins) * bin_width, 0,
                    static_cast<double>(std::max<std::size_t>(most, 1)) * 1.1};
  draw_axes(canvas, frame, x_label, "count");
  canvas.colour({0.2, 0.45, 0.75});
  for (std::size_t index = 0; index < bins; ++index) {
    const double x0 = frame.px(low + static_cast<double>(index) * bin_width);
    const double x1 = frame.px(low + static_cast<double>(index + 1) * bin_width);
    const double y = frame.py(static_cast<double>(counts[index]));
    cairo().cairo_rectangle(canvas.cr(), x0 + 1, y, x1 - x0 - 2, frame.py(0) - y);
    cairo().cairo_fill(canvas.cr());
  }
  for (const double mark : x_marks) {
    dashed_line(canvas, frame.px(mark), frame.py(frame.y_min), frame.px(mark),
                frame.py(frame.y_max));
  }
  return canvas.save(path);
}

Status write_map_png(const std::string& path, const std::string& title,
                     const sim::Geography& geography, const std::vector<MapMark>& marks,
                     const std::vector<std::pair<Rgb, std::string>>& legend) {
  if (auto loaded = load_cairo(); !loaded) return loaded.error();
  Canvas canvas;
  canvas.title(title);
  // The Strait: 50.6..51.4 N, 0.9..2.1 E, scaled for the latitude.
  const Frame frame{0.9, 2.1, 50.6, 51.4};
  draw_axes(canvas, frame, "longitude (deg E)", "latitude (deg N)");
  cairo_t* cr = canvas.cr();
  clip_to_frame(canvas);
  const auto ring_path = [&](const sim::GeoRing& ring) {
    for (std::size_t index = 0; index < ring.size(); ++index) {
      const double x = frame.px(ring[index].lon), y = frame.py(ring[index].lat);
      index == 0 ? cairo().cairo_move_to(cr, x, y) : cairo().cairo_line_to(cr, x, y);
    }
    cairo().cairo_close_path(cr);
  };
  cairo().cairo_set_line_width(cr, 1.0);
  for (const sim::Lane& lane : geography.lanes) {
    ring_path(lane.ring);
    canvas.colour({0.85, 0.9, 1.0});
    cairo().cairo_fill_preserve(cr);
    canvas.colour({0.5, 0.6, 0.8});
    cairo().cairo_stroke(cr);
  }
  for (const sim::Zone& zone : geography.zones) {
    ring_path(zone.ring);
    canvas.colour(zone.kind == "srr" ? Rgb{0.8, 0.5, 0.2} : Rgb{0.7, 0.7, 0.7});
    cairo().cairo_stroke(cr);
  }
  for (const sim::NamedPoint& point : geography.points) {
    if (point.kind != "port" && point.kind != "rescue_centre") continue;
    canvas.colour({0.3, 0.3, 0.3});
    cairo().cairo_rectangle(cr, frame.px(point.position.lon) - 3, frame.py(point.position.lat) - 3,
                            6, 6);
    cairo().cairo_fill(cr);
    canvas.text(frame.px(point.position.lon) + 5, frame.py(point.position.lat) - 4, point.name, 9);
  }
  for (const MapMark& mark : marks) {
    canvas.colour(mark.colour);
    cairo().cairo_arc(cr, frame.px(mark.position.lon), frame.py(mark.position.lat), 5, 0, 2 * M_PI);
    cairo().cairo_fill(cr);
    if (!mark.label.empty()) {
      canvas.text(frame.px(mark.position.lon) + 7, frame.py(mark.position.lat) + 4, mark.label, 9);
    }
  }
  draw_legend(canvas, legend);
  return canvas.save(path);
}

void release_plot_caches() {
  if (!load_cairo()) return;  // nothing was drawn
  cairo().cairo_debug_reset_static_data();
  cairo().FcFini();
}

}  // namespace sw::eval
