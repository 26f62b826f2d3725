#include "drift/simulation.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <thread>

#include "core/counter_rng.h"
#include "drift/land.h"
#include "drift/local_step.h"

namespace sw::drift {
namespace {

// Particles per work unit: small enough to balance two cores, large enough that the
// particle state of a block stays in cache across all its steps.
constexpr std::size_t kBlockSize = 4096;
constexpr int kMaxSteps = 1'000'000;

/// Forcing time level and weight for one step.
struct StepTime {
  std::size_t level = 0;
  float weight = 0;  ///< 0: level only; else blend towards level + 1
};

/// Everything a worker needs, shared read-only across threads (plus the state columns,
/// written by exactly one thread per block).
struct RunContext {
  const ForcingField* field = nullptr;
  const LeewayClass* leeway_class = nullptr;
  const LeewayOptions* leeway_options = nullptr;
  const SeedSpec* seed_spec = nullptr;
  const RunOptions* options = nullptr;
  std::vector<StepTime> step_times;
  double dt_signed_s = 0;
  double jibe_per_step = 0;
  DriftResult* result = nullptr;
  LeewayCoefficients* coefficients = nullptr;
  std::vector<std::int32_t>* next_jibe = nullptr;
};

/// The four forcing components as one SIMD value (GCC/Clang vector extension).
using Float4 = float __attribute__((vector_size(16)));

inline Float4 load(const ForcingNode& node) {
  Float4 value;
  std::memcpy(&value, &node, sizeof value);
  return value;
}

std::uint64_t jibe_draw_key(std::uint64_t seed, std::size_t particle) {
  return CounterRng::stream_key(seed ^ kJibeDomain, particle);
}

// Seed, draw and run particles [first, last) through every step.
template <bool kUniform>
std::uint64_t run_block(const RunContext& context, std::size_t first, std::size_t last) {
  DriftResult& result = *context.result;
  LeewayCoefficients& coefficients = *context.coefficients;
  std::vector<std::int32_t>& next_jibe = *context.next_jibe;
  const std::uint64_t seed = context.options->seed;
  seed_positions(*context.seed_spec, seed, first, last, result.lat, result.lon);
  draw_coefficients(*context.leeway_class, *context.leeway_options, seed, first, last,
                    coefficients);
  for (std::size_t particle = first; particle < last; ++particle) {
    result.status[particle] = ParticleStatus::kActive;
    next_jibe[particle] = steps_to_next_jibe(
        context.jibe_per_step,
        CounterRng::to_unit_open_low(CounterRng::at(jibe_draw_key(seed, particle), 0)));
    if (context.options->land != nullptr &&
        context.options->land->contains(result.lat[particle], result.lon[particle])) {
      result.status[particle] = ParticleStatus::kStranded;
    }
  }

  const ForcingField& field = *context.field;
  const GeodesicStepper& stepper = GeodesicStepper::instance();
  const LandMask* land = context.options->land;
  const double dt = context.dt_signed_s;
  const double inv_dlon = 1.0 / field.dlon, inv_dlat = 1.0 / field.dlat;
  const double max_fx = field.nlon - 1, max_fy = field.nlat - 1;
  const std::size_t level_size = static_cast<std::size_t>(field.nlon) * field.nlat;
  const std::size_t row = static_cast<std::size_t>(field.nlon);
  const ForcingNode* nodes = field.nodes.data();
  std::uint64_t jibes = 0;

  double* lat = result.lat.data();
  double* lon = result.lon.data();
  ParticleStatus* status = result.status.data();
  float* cw_slope = coefficients.cw_slope.data();

  const int steps = static_cast<int>(context.step_times.size());
  for (int step = 0; step < steps; ++step) {
    const StepTime step_time = context.step_times[static_cast<std::size_t>(step)];
    const ForcingNode* level_a = nodes + step_time.level * level_size;
    const ForcingNode* level_b = step_time.weight > 0 ? level_a + level_size : level_a;
    const float time_weight = step_time.weight;
    for (std::size_t particle = first; particle < last; ++particle) {
      if (status[particle] != ParticleStatus::kActive) continue;
      Float4 forcing_value;
      if constexpr (kUniform) {
        forcing_value = load(level_a[0]) + time_weight * (load(level_b[0]) - load(level_a[0]));
      } else {
        const double fx = (lon[particle] - field.lon0) * inv_dlon;
        const double fy = (lat[particle] - field.lat0) * inv_dlat;
        if (!(fx >= 0 && fy >= 0 && fx <= max_fx && fy <= max_fy)) {
          status[particle] = ParticleStatus::kMissingForcing;
          continue;
        }
        const int ix = std::min(static_cast<int>(fx), field.nlon - 2);
        const int iy = std::min(static_cast<int>(fy), field.nlat - 2);
        const auto wx = static_cast<float>(fx - ix), wy = static_cast<float>(fy - iy);
        const float w00 = (1 - wx) * (1 - wy), w01 = wx * (1 - wy), w10 = (1 - wx) * wy,
                    w11 = wx * wy;
        const std::size_t corner =
            static_cast<std::size_t>(iy) * row + static_cast<std::size_t>(ix);
        auto bilinear = [&](const ForcingNode* level) {
          return w00 * load(level[corner]) + w01 * load(level[corner + 1]) +
                 w10 * load(level[corner + row]) + w11 * load(level[corner + row + 1]);
        };
        forcing_value = bilinear(level_a);
        if (time_weight != 0) forcing_value += time_weight * (bilinear(level_b) - forcing_value);
        if (std::isnan(forcing_value[0] + forcing_value[1] + forcing_value[2] + forcing_value[3])) {
          status[particle] = ParticleStatus::kMissingForcing;
          continue;
        }
      }
      float leeway_east = 0, leeway_north = 0;
      leeway_velocity(coefficients.dw_slope[particle], coefficients.dw_offset[particle],
                      cw_slope[particle], coefficients.cw_noise[particle],
                      coefficients.cw_offset[particle], forcing_value[2], forcing_value[3],
                      leeway_east, leeway_north);
      double new_lat = lat[particle], new_lon = lon[particle];
      // Leeway move, then current move (OpenDrift's order), in one second-order step.
      stepper.move_twice(new_lat, new_lon, leeway_east * dt, leeway_north * dt,
                         static_cast<double>(forcing_value[0]) * dt,
                         static_cast<double>(forcing_value[1]) * dt);
      if (land != nullptr && land->contains(new_lat, new_lon)) {
        status[particle] = ParticleStatus::kStranded;  // stays where it was before the step
        continue;
      }
      lat[particle] = new_lat;
      lon[particle] = new_lon;
      if (next_jibe[particle] == step) {
        cw_slope[particle] = -cw_slope[particle];
        coefficients.orientation[particle] ^= 1U;
        ++jibes;
        const double uniform = CounterRng::to_unit_open_low(
            CounterRng::at(jibe_draw_key(seed, particle), static_cast<std::uint64_t>(step) + 1));
        const std::int64_t next = static_cast<std::int64_t>(step) + 1 +
                                  steps_to_next_jibe(context.jibe_per_step, uniform);
        next_jibe[particle] = static_cast<std::int32_t>(
            std::min<std::int64_t>(next, std::numeric_limits<std::int32_t>::max()));
      }
    }
  }
  return jibes;
}

}  // namespace

Result<DriftResult> run_drift(const LeewayClass& leeway_class, const SeedSpec& seed_spec,
                              const LeewayOptions& leeway_options, const Forcing& forcing,
                              const RunOptions& options) {
  if (auto valid = validate(seed_spec); !valid) return valid.error();
  if (!(options.dt_s > 0) || options.dt_s > 86400 || !(options.duration_s >= 0) ||
      options.duration_s / options.dt_s > kMaxSteps) {
    return Error{"bad_run", "time step must be in (0, 86400] s and at most 1e6 steps"};
  }
  if (!(leeway_options.jibe_probability_per_hour >= 0 &&
        leeway_options.jibe_probability_per_hour <= 1)) {
    return Error{"bad_run", "jibe probability must be in [0, 1]"};
  }
  if (leeway_options.orientation && *leeway_options.orientation != 0 &&
      *leeway_options.orientation != 1) {
    return Error{"bad_run", "orientation must be 0 or 1"};
  }
  const int steps = static_cast<int>(std::llround(options.duration_s / options.dt_s));
  const double dt_signed = options.backtrack ? -options.dt_s : options.dt_s;
  const auto dt_ns = static_cast<TimeNs>(std::llround(dt_signed * 1e9));
  const TimeNs start = seed_spec.time;
  const TimeNs end = start + dt_ns * steps;

  auto field = forcing.field_for(start, end);
  if (!field) return field.error();
  if (field->times.empty() ||
      field->nodes.size() != field->times.size() * static_cast<std::size_t>(field->nlon) *
                                 static_cast<std::size_t>(field->nlat) ||
      (!field->uniform && (field->nlon < 2 || field->nlat < 2))) {
    return Error{"bad_forcing", "forcing field is malformed"};
  }

  RunContext context;
  context.field = &*field;
  context.leeway_class = &leeway_class;
  context.leeway_options = &leeway_options;
  context.seed_spec = &seed_spec;
  context.options = &options;
  context.dt_signed_s = dt_signed;
  context.jibe_per_step =
      jibe_probability_per_step(leeway_options.jibe_probability_per_hour, options.dt_s);
  const std::vector<TimeNs>& times = field->times;
  for (int step = 0; step < steps; ++step) {
    const TimeNs time = start + dt_ns * step;
    StepTime step_time;
    if (times.size() > 1) {
      auto upper = std::upper_bound(times.begin(), times.end(), time);
      std::size_t level =
          upper == times.begin() ? 0 : static_cast<std::size_t>(upper - times.begin()) - 1;
      level = std::min(level, times.size() - 2);
      step_time.level = level;
      step_time.weight = static_cast<float>(static_cast<double>(time - times[level]) /
                                            static_cast<double>(times[level + 1] - times[level]));
    }
    context.step_times.push_back(step_time);
  }

  const std::size_t count = seed_spec.count;
  DriftResult result;
  result.lat.resize(count);
  result.lon.resize(count);
  result.status.resize(count);
  LeewayCoefficients coefficients;
  coefficients.resize(count);
  std::vector<std::int32_t> next_jibe(count);
  context.result = &result;
  context.coefficients = &coefficients;
  context.next_jibe = &next_jibe;

  const std::size_t blocks = (count + kBlockSize - 1) / kBlockSize;
  std::atomic<std::size_t> next_block{0};
  std::atomic<std::size_t> blocks_done{0};
  std::atomic<std::uint64_t> jibes{0};
  auto worker = [&](bool reports) {
    std::uint64_t local_jibes = 0;
    while (true) {
      const std::size_t block = next_block.fetch_add(1);
      if (block >= blocks) break;
      const std::size_t first = block * kBlockSize;
      const std::size_t last = std::min(count, first + kBlockSize);
      local_jibes += field->uniform ? run_block<true>(context, first, last)
                                    : run_block<false>(context, first, last);
      const std::size_t done = blocks_done.fetch_add(1) + 1;
      if (reports && options.progress) {
        options.progress(static_cast<double>(done) / static_cast<double>(blocks));
      }
    }
    jibes += local_jibes;
  };
  const int thread_count = std::clamp(options.threads, 1, 64);
  std::vector<std::thread> threads;
  for (int thread_idx = 1; thread_idx < thread_count; ++thread_idx) {
    threads.emplace_back(worker, false);
  }
  worker(true);
  for (auto& thread : threads) thread.join();

  result.orientation = std::move(coefficients.orientation);
  for (ParticleStatus particle_status : result.status) {
    switch (particle_status) {
      case ParticleStatus::kActive: ++result.active; break;
      case ParticleStatus::kMissingForcing: ++result.missing_forcing; break;
      case ParticleStatus::kStranded: ++result.stranded; break;
    }
  }
  result.jibes = jibes;
  result.start_time = start;
  result.end_time = end;
  result.steps = steps;
  result.seed = options.seed;
  return result;
}

}  // namespace sw::drift
