#pragma once
/// `straitwatch region`: the sea partitioned into regions over NATS JetStream —
/// `region feed` (the simulated Strait onto the input stream), `region run` (one region's
/// fusion process) and `region gateway` (the joined picture of every region).

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11 names it
class App;
}

namespace sw::cli {

/// Register `region` on the root app.
void add_region_command(CLI::App& app);

}  // namespace sw::cli
