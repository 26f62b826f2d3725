#include "engine/source_decoder.h"

#include "engine/source_decoders.h"

namespace sw::engine {

Result<std::unique_ptr<SourceDecoder>> make_source_decoder(const SourceConfig& source) {
  switch (source.format) {
    case Format::kAis: return make_ais_source(source);
    case Format::kAsterix: return make_asterix_source(source);
    case Format::kArpa: return make_arpa_source(source);
    case Format::kCot: return make_cot_source(source);
    case Format::kDistress: return make_distress_source(source);
  }
  return Error{"bad_config", "unknown format of source " + source.id};
}

}  // namespace sw::engine
