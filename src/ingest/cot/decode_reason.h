#pragma once
/// Reason: how one CoT document (or a piece of a stream) ended — decoded or why not.

#include <cstdint>

namespace sw::cot {

/// Every outcome of a CoT document or stream fragment; all but kDecoded are rejections.
enum class Reason : std::uint8_t {
  kDecoded,
  kNotXml,           ///< not well-formed XML, NUL bytes, text between events, stray end tag
  kNoEvent,          ///< well-formed, but the root element is not <event>
  kDoctype,          ///< <!DOCTYPE or <!ENTITY present: refused, never expanded
  kOversized,        ///< over the maximum event size: skipped, stream resynchronised
  kTruncated,        ///< event cut off by a new event/XML declaration or the end of input
  kProtobuf,         ///< TAK protocol (0xBF magic): not supported
  kMissingUid,       ///< no or empty `uid`
  kMissingType,      ///< no or empty `type`
  kBadTime,          ///< `time` or `stale` absent or not an ISO-8601 time; bad `start`
  kStaleBeforeTime,  ///< `stale` earlier than `time`: never valid
  kNoPoint,          ///< no <point>
  kBadPoint,         ///< lat/lon absent or not a finite number; bad hae/ce/le
  kLatOutOfRange,    ///< |lat| > 90
  kLonOutOfRange,    ///< |lon| > 180
  kCount
};

/// Stable short code, e.g. "bad_time"; used as Error::code and in --stats.
const char* to_string(Reason reason);

}  // namespace sw::cot
