#include "ingest/ais/decoder.h"

namespace sw::ais {

const char* to_string(LineReason reason) {
  switch (reason) {
    case LineReason::kDecoded: return "decoded";
    case LineReason::kFragmentHeld: return "fragment_held";
    case LineReason::kPartHeld: return "type24_part_held_or_unpaired";
    case LineReason::kBlank: return "blank_or_comment";
    case LineReason::kNotAis: return "not_ais";
    case LineReason::kWrapper: return "gatehouse_wrapper";
    case LineReason::kBadChecksum: return "bad_checksum";
    case LineReason::kMalformed: return "malformed";
    case LineReason::kBadTagBlock: return "bad_tag_block";
    case LineReason::kBadPayloadChar: return "bad_payload_char";
    case LineReason::kLineTooLong: return "line_too_long";
    case LineReason::kOrphanFragment: return "orphan_fragment";
    case LineReason::kPayloadTooLong: return "reassembled_payload_too_long";
    case LineReason::kTooShort: return "payload_too_short_for_type";
    case LineReason::kTooLongForType: return "payload_too_long_for_type";
    case LineReason::kUnknownType: return "unknown_type";
    case LineReason::kUnknownSubtype: return "unknown_subtype";
    case LineReason::kCount: break;
  }
  return "unknown";
}

bool is_rejection(LineReason reason) {
  switch (reason) {
    case LineReason::kDecoded:
    case LineReason::kFragmentHeld:
    case LineReason::kPartHeld:
    case LineReason::kBlank:
    case LineReason::kNotAis:
    case LineReason::kWrapper:
    case LineReason::kCount: return false;
    default: return true;
  }
}

std::uint64_t DecoderStats::rejected() const {
  std::uint64_t total = 0;
  for (std::size_t reason_idx = 0; reason_idx < by_reason.size(); ++reason_idx) {
    if (is_rejection(static_cast<LineReason>(reason_idx))) total += by_reason[reason_idx];
  }
  return total;
}

namespace {

LineReason reason_for(nmea::SentenceError error) {
  switch (error) {
    case nmea::SentenceError::kNone: return LineReason::kDecoded;
    case nmea::SentenceError::kNotAis: return LineReason::kNotAis;
    case nmea::SentenceError::kBadChecksum: return LineReason::kBadChecksum;
    case nmea::SentenceError::kMalformed: return LineReason::kMalformed;
    case nmea::SentenceError::kBadTagBlock: return LineReason::kBadTagBlock;
    case nmea::SentenceError::kBadPayloadChar: return LineReason::kBadPayloadChar;
    case nmea::SentenceError::kTooLong: return LineReason::kLineTooLong;
  }
  return LineReason::kMalformed;
}

LineReason reason_for(DecodeError error) {
  switch (error) {
    case DecodeError::kNone: return LineReason::kDecoded;
    case DecodeError::kTooShort: return LineReason::kTooShort;
    case DecodeError::kTooLong: return LineReason::kTooLongForType;
    case DecodeError::kUnknownType: return LineReason::kUnknownType;
    case DecodeError::kUnknownSubtype: return LineReason::kUnknownSubtype;
  }
  return LineReason::kUnknownType;
}

bool is_blank(std::string_view line) {
  for (char c : line) {
    if (c == '#') return true;
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

/// gpsd caps the reassembled payload at 2048 bits; longer ones are refused.
constexpr std::size_t kMaxMessageBits = 2048;

bool append_fragment(Bits& bits, const nmea::Sentence& sentence) {
  if (bits.size() + sentence.payload.size() * 6 > kMaxMessageBits) return false;
  if (!bits.append_armoured(sentence.payload)) return false;
  bits.drop_bits(sentence.fill_bits);
  return true;
}

}  // namespace

Decoder::Decoder() : Decoder(Options{}) {}

Decoder::Decoder(Options options) : options_(options) {
  groups_.resize(options_.max_pending_groups);
}

LineResult Decoder::finish(LineReason reason) {
  ++stats_.by_reason[static_cast<std::size_t>(reason)];
  LineResult result;
  result.reason = reason;
  if (reason == LineReason::kDecoded) {
    ++stats_.messages;
    if (message_.type < stats_.by_type.size()) ++stats_.by_type[message_.type];
    result.message = &message_;
    result.source = &source_;
  }
  return result;
}

Decoder::PendingGroup* Decoder::find_group(const nmea::Sentence& sentence, TimeNs now) {
  for (auto& group : groups_) {
    if (group.active && group.channel == sentence.channel &&
        group.sequence_id == sentence.sequence_id && group.group_id == sentence.tag.group_id &&
        group.fragment_count == sentence.fragment_count) {
      if (is_expired(group, now)) {
        group.active = false;
        ++stats_.incomplete_groups;
        return nullptr;
      }
      return &group;
    }
  }
  return nullptr;
}

bool Decoder::is_expired(const PendingGroup& group, TimeNs now) const {
  const bool too_many_lines = stats_.lines - group.started_line > options_.max_group_age_lines;
  const bool too_old =
      now != 0 && group.started_time != 0 && now - group.started_time > options_.max_group_age_ns;
  return too_many_lines || too_old;
}

Decoder::PendingGroup& Decoder::claim_group() {
  PendingGroup* oldest = &groups_.front();
  for (auto& group : groups_) {
    if (!group.active) return group;
    if (group.started_line < oldest->started_line) oldest = &group;
  }
  ++stats_.incomplete_groups;  // full: the oldest partial message gives way
  oldest->active = false;
  return *oldest;
}

void Decoder::expire_groups(TimeNs now) {
  for (auto& group : groups_) {
    if (group.active && is_expired(group, now)) {
      group.active = false;
      ++stats_.incomplete_groups;
    }
  }
}

LineResult Decoder::feed_line(std::string_view line, TimeNs receive_time) {
  ++stats_.lines;
  if (is_blank(line)) return finish(LineReason::kBlank);
  const nmea::SentenceError error = nmea::parse_sentence(line, sentence_);
  const std::int64_t wrapper_time = wrapper_unix_time_;
  wrapper_unix_time_ = -1;
  if (error == nmea::SentenceError::kNotAis && line.size() > 6 && line[1] == 'P') {
    const std::int64_t wrapper_ms = nmea::parse_gatehouse_time_ms(line);
    if (wrapper_ms >= 0) {
      wrapper_unix_time_ = wrapper_ms / 1000;
      return finish(LineReason::kWrapper);
    }
  }
  if (error != nmea::SentenceError::kNone) return finish(reason_for(error));
  const nmea::Sentence& sentence = sentence_;
  if (!sentence.has_checksum) ++stats_.missing_checksum;
  if (sentence.tag_block_ignored) ++stats_.tag_blocks_ignored;

  source_.channel = sentence.channel;
  source_.own_ship = sentence.own_ship;
  source_.talker = sentence.talker;
  source_.receive_time = receive_time;

  if (sentence.fragment_count == 1) {
    source_.tag_source = sentence.tag.source;
    source_.tag_unix_time = sentence.tag.present ? sentence.tag.unix_time : wrapper_time;
    source_.tag_group_id = sentence.tag.group_id;
    single_.clear();
    if (!append_fragment(single_, sentence)) return finish(LineReason::kPayloadTooLong);
    return decode_payload(single_, sentence);
  }

  if ((stats_.lines & 63) == 0) expire_groups(receive_time);
  PendingGroup* group = find_group(sentence, receive_time);
  if (sentence.fragment_number == 1) {
    if (group != nullptr) {
      ++stats_.incomplete_groups;  // restarted before it completed
    } else {
      group = &claim_group();
    }
    group->active = true;
    group->channel = sentence.channel;
    group->sequence_id = sentence.sequence_id;
    group->group_id = sentence.tag.group_id;
    group->fragment_count = sentence.fragment_count;
    group->next_fragment = 2;
    group->started_line = stats_.lines;
    group->started_time = receive_time;
    group->tag_source.assign(sentence.tag.source);
    group->tag_unix_time = sentence.tag.present ? sentence.tag.unix_time : wrapper_time;
    group->bits.clear();
    if (!append_fragment(group->bits, sentence)) {
      group->active = false;
      return finish(LineReason::kPayloadTooLong);
    }
    return finish(LineReason::kFragmentHeld);
  }
  if (group == nullptr || group->next_fragment != sentence.fragment_number) {
    return finish(LineReason::kOrphanFragment);
  }
  if (!append_fragment(group->bits, sentence)) {
    group->active = false;
    return finish(LineReason::kPayloadTooLong);
  }
  ++group->next_fragment;
  if (sentence.fragment_number != sentence.fragment_count) return finish(LineReason::kFragmentHeld);
  group->active = false;
  source_.tag_source = group->tag_source;
  source_.tag_unix_time = group->tag_unix_time;
  source_.tag_group_id = group->group_id;
  return decode_payload(group->bits, sentence);
}

LineResult Decoder::decode_payload(const Bits& bits, const nmea::Sentence& sentence) {
  const DecodeError error = decode_message(bits, message_);
  if (error != DecodeError::kNone) return finish(reason_for(error));
  if (message_.type == 24 && !options_.split_type24) return merge_type24(sentence);
  return finish(LineReason::kDecoded);
}

LineResult Decoder::merge_type24(const nmea::Sentence& sentence) {
  auto& body = std::get<StaticDataReport>(message_.body);
  // gpsd keeps one context per radio channel; an empty channel counts as A.
  const std::size_t channel_idx = sentence.channel == 'B' ? 1 : 0;
  if (body.part == StaticDataReport::Part::kA) {
    HeldPartA& slot = held_a_[channel_idx][held_a_next_[channel_idx]];
    held_a_next_[channel_idx] = (held_a_next_[channel_idx] + 1) % held_a_[channel_idx].size();
    slot.mmsi = message_.mmsi;
    slot.shipname = body.shipname;
    return finish(LineReason::kPartHeld);
  }
  for (std::size_t ring_idx = 0; ring_idx < held_a_.size(); ++ring_idx) {
    if (ring_idx != channel_idx && !options_.merge_type24_across_channels) continue;
    for (auto& held : held_a_[ring_idx]) {
      if (held.mmsi == message_.mmsi && held.mmsi != 0) {
        body.shipname = held.shipname;
        body.part = StaticDataReport::Part::kBoth;
        held.mmsi = 0;  // a repeated part B must not match again
        return finish(LineReason::kDecoded);
      }
    }
  }
  return finish(LineReason::kPartHeld);  // part B alone: gpsdecode prints nothing
}

}  // namespace sw::ais
