#pragma once
/// One factory per format, each in its own file (engine/<format>_source.cpp).

#include <memory>

#include "engine/source_decoder.h"

namespace sw::engine {

std::unique_ptr<SourceDecoder> make_ais_source(const SourceConfig& source);
std::unique_ptr<SourceDecoder> make_asterix_source(const SourceConfig& source);
std::unique_ptr<SourceDecoder> make_arpa_source(const SourceConfig& source);
std::unique_ptr<SourceDecoder> make_cot_source(const SourceConfig& source);
std::unique_ptr<SourceDecoder> make_distress_source(const SourceConfig& source);

}  // namespace sw::engine
