#include "ingest/cot/decode_reason.h"

namespace sw::cot {

const char* to_string(Reason reason) {
  switch (reason) {
    case Reason::kDecoded: return "decoded";
    case Reason::kNotXml: return "not_xml";
    case Reason::kNoEvent: return "no_event";
    case Reason::kDoctype: return "doctype";
    case Reason::kOversized: return "oversized";
    case Reason::kTruncated: return "truncated";
    case Reason::kProtobuf: return "tak_protobuf";
    case Reason::kMissingUid: return "missing_uid";
    case Reason::kMissingType: return "missing_type";
    case Reason::kBadTime: return "bad_time";
    case Reason::kStaleBeforeTime: return "stale_before_time";
    case Reason::kNoPoint: return "no_point";
    case Reason::kBadPoint: return "bad_point";
    case Reason::kLatOutOfRange: return "lat_out_of_range";
    case Reason::kLonOutOfRange: return "lon_out_of_range";
    case Reason::kCount: break;
  }
  return "unknown";
}

}  // namespace sw::cot
