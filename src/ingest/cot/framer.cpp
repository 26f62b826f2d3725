#include "ingest/cot/framer.h"

#include <algorithm>

namespace sw::cot {
namespace {

constexpr std::size_t kMinDocumentBytes = 64;
/// Bytes held while skipping: enough for "</event>".
constexpr std::size_t kSkipWindow = 8;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Whitespace, or a byte of the UTF-8 byte order mark, between documents.
bool is_filler(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return is_space(c) || byte == 0xEF || byte == 0xBB || byte == 0xBF;
}

bool ends_name(char c) { return is_space(c) || c == '>' || c == '/'; }

}  // namespace

Framer::Framer(std::size_t max_document_bytes)
    : max_document_bytes_(std::max(max_document_bytes, kMinDocumentBytes)) {}

void Framer::append(std::string_view bytes) {
  if (frame_start_ > 0) {
    buffer_.erase(0, frame_start_);
    scan_ -= frame_start_;
    markup_start_ = markup_start_ >= frame_start_ ? markup_start_ - frame_start_ : 0;
    skip_origin_ = skip_origin_ >= frame_start_ ? skip_origin_ - frame_start_ : 0;
    frame_start_ = 0;
  }
  buffer_.append(bytes);
}

std::optional<Frame> Framer::next() {
  while (scan_ < buffer_.size()) {
    if (skipping_) {
      skip_byte();
      continue;
    }
    if (scan_ - frame_start_ >= max_document_bytes_) {
      const Frame frame = take(Frame::Kind::kOversized, frame_start_ + max_document_bytes_);
      reset_lexer();
      skipping_ = true;
      skip_origin_ = scan_;
      frame_start_ = scan_;
      return frame;
    }
    if (auto frame = lex_byte(buffer_[scan_])) return frame;
  }
  return std::nullopt;
}

std::optional<Frame> Framer::finish() {
  std::optional<Frame> frame;
  if (!skipping_) {
    const std::string_view rest(buffer_.data() + frame_start_, buffer_.size() - frame_start_);
    if (std::any_of(rest.begin(), rest.end(), [](char c) { return !is_filler(c); })) {
      frame = Frame{Frame::Kind::kTruncated, rest};
    }
  }
  reset_lexer();
  skipping_ = false;
  scan_ = buffer_.size();
  frame_start_ = buffer_.size();
  return frame;
}

Frame Framer::take(Frame::Kind kind, std::size_t end) {
  const Frame frame{kind, std::string_view(buffer_.data() + frame_start_, end - frame_start_)};
  frame_start_ = end;
  return frame;
}

bool Framer::ends_with_at(std::size_t end, std::string_view suffix, std::size_t min_start) const {
  return end >= suffix.size() && end - suffix.size() >= min_start && end <= buffer_.size() &&
         buffer_.compare(end - suffix.size(), suffix.size(), suffix) == 0;
}

void Framer::reset_lexer() {
  state_ = LexState::kText;
  quote_ = 0;
  depth_ = 0;
  bracket_depth_ = 0;
  name_done_ = false;
  junk_ = false;
  raw_ = false;
}

void Framer::skip_byte() {
  const std::size_t pos = scan_;
  const char c = buffer_[pos];
  if (c == '>' && ends_with_at(pos + 1, "</event>", skip_origin_)) {
    skipping_ = false;
    scan_ = pos + 1;
    frame_start_ = scan_;
    return;
  }
  std::size_t resync = 0;
  bool found = false;
  if (ends_name(c) && ends_with_at(pos, "<event", skip_origin_)) {
    resync = pos - 6;
    found = true;
  } else if ((is_space(c) || c == '?') && ends_with_at(pos, "<?xml", skip_origin_)) {
    resync = pos - 5;
    found = true;
  }
  if (found) {  // lex again from the '<'
    skipping_ = false;
    scan_ = resync;
    frame_start_ = resync;
    return;
  }
  scan_ = pos + 1;
  if (scan_ - frame_start_ > kSkipWindow) frame_start_ = scan_ - kSkipWindow;
}

std::optional<Frame> Framer::raw_byte(char c) {
  const std::size_t pos = scan_;
  scan_ = pos + 1;
  if (c == '>' && ends_with_at(pos + 1, "</event>", frame_start_)) {
    reset_lexer();
    return take(Frame::Kind::kDocument, pos + 1);
  }
  std::size_t restart = 0;
  if (ends_name(c) && ends_with_at(pos, "<event", frame_start_ + 1)) {
    restart = pos - 6;
  } else if ((is_space(c) || c == '?') && ends_with_at(pos, "<?xml", frame_start_ + 1)) {
    restart = pos - 5;
  } else {
    return std::nullopt;
  }
  // The malformed document ends where a new one starts; lex again from its '<'.
  reset_lexer();
  scan_ = restart;
  return take(Frame::Kind::kDocument, restart);
}

std::optional<Frame> Framer::lex_byte(char c) {
  if (raw_) return raw_byte(c);
  const std::size_t pos = scan_;
  scan_ = pos + 1;
  // TAK's own delimiter: "</event>" ends an open event whatever the lexer state (an
  // unbalanced quote, an unclosed child element, a comment).
  if (c == '>' && depth_ > 0 && ends_with_at(pos + 1, "</event>", frame_start_)) {
    reset_lexer();
    return take(Frame::Kind::kDocument, pos + 1);
  }
  switch (state_) {
    case LexState::kText:
      if (c == '<') {
        markup_start_ = pos;
        state_ = LexState::kLessThan;
        if (depth_ == 0 && junk_) frame_start_ = pos;  // junk so far dropped
        return std::nullopt;
      }
      if (depth_ != 0) return std::nullopt;
      if (is_filler(c) || junk_) {
        if (frame_start_ == pos || junk_) frame_start_ = pos + 1;
        return std::nullopt;
      }
      junk_ = true;
      return take(Frame::Kind::kJunk, pos + 1);

    case LexState::kLessThan:
      if (c == '?') {
        state_ = LexState::kProcessingInstruction;
      } else if (c == '!') {
        state_ = LexState::kBang;
      } else if (c == '/') {
        state_ = LexState::kEndTag;
      } else {
        state_ = LexState::kStartTag;
        name_done_ = false;
        quote_ = 0;
        if (depth_ == 0) junk_ = false;
        scan_ = pos;  // the byte is part of the tag name
      }
      return std::nullopt;

    case LexState::kStartTag: {
      if (c == '<') {  // never legal inside a tag: quotes are unbalanced or the tag unclosed
        raw_ = true;
        scan_ = pos;
        return std::nullopt;
      }
      if (quote_ != 0) {
        if (c == quote_) quote_ = 0;
        return std::nullopt;
      }
      std::optional<Frame> frame;
      if (!name_done_ && ends_name(c)) frame = check_start_tag_name();
      if (c == '"' || c == '\'') {
        quote_ = c;
      } else if (c == '>') {
        if (auto document = end_start_tag()) frame = document;
      }
      return frame;
    }

    case LexState::kEndTag:
      if (c == '<') {
        raw_ = true;
        scan_ = pos;
        return std::nullopt;
      }
      return c == '>' ? end_end_tag() : std::nullopt;

    case LexState::kProcessingInstruction:
      if (c == '>' && ends_with_at(pos + 1, "?>", markup_start_ + 2)) {
        return end_processing_instruction();
      }
      return std::nullopt;

    case LexState::kBang: {
      static constexpr std::string_view kComment = "<!--";
      static constexpr std::string_view kCData = "<![CDATA[";
      const std::string_view seen(buffer_.data() + markup_start_, pos + 1 - markup_start_);
      if (seen == kComment) {
        state_ = LexState::kComment;
      } else if (seen == kCData) {
        state_ = LexState::kCData;
      } else if (!kComment.starts_with(seen) && !kCData.starts_with(seen)) {
        state_ = LexState::kDeclaration;
        quote_ = 0;
        bracket_depth_ = 0;
        scan_ = pos;  // the byte belongs to the declaration
      }
      return std::nullopt;
    }

    case LexState::kComment:
      if (c == '>' && ends_with_at(pos + 1, "-->", markup_start_ + 4)) {
        state_ = LexState::kText;
        return std::nullopt;
      }
      return depth_ == 0 ? restart_outside_event(c, pos) : std::nullopt;

    case LexState::kCData:
      if (c == '>' && ends_with_at(pos + 1, "]]>", markup_start_ + 9)) state_ = LexState::kText;
      return std::nullopt;

    case LexState::kDeclaration:
      if (quote_ != 0) {
        if (c == quote_) quote_ = 0;
      } else if (c == '"' || c == '\'') {
        quote_ = c;
      } else if (c == '[') {
        ++bracket_depth_;
      } else if (c == ']' && bracket_depth_ > 0) {
        --bracket_depth_;
      } else if (c == '>' && bracket_depth_ == 0) {
        state_ = LexState::kText;
        return std::nullopt;
      }
      return depth_ == 0 ? restart_outside_event(c, pos) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<Frame> Framer::restart_outside_event(char c, std::size_t pos) {
  std::size_t restart = 0;
  if (ends_name(c) && ends_with_at(pos, "<event", markup_start_ + 1)) {
    restart = pos - 6;
  } else if ((is_space(c) || c == '?') && ends_with_at(pos, "<?xml", markup_start_ + 1)) {
    restart = pos - 5;
  } else {
    return std::nullopt;
  }
  reset_lexer();
  scan_ = restart;
  return take(Frame::Kind::kJunk, restart);
}

std::optional<Frame> Framer::check_start_tag_name() {
  name_done_ = true;
  const std::size_t name_start = markup_start_ + 1;
  const std::string_view name(buffer_.data() + name_start, scan_ - 1 - name_start);
  if (name != "event" || depth_ == 0) return std::nullopt;
  // CoT never nests <event>: the open event was cut off; a new document starts here.
  depth_ = 0;
  return take(Frame::Kind::kTruncated, markup_start_);
}

std::optional<Frame> Framer::end_start_tag() {
  state_ = LexState::kText;
  const std::size_t close = scan_ - 1;
  const bool self_closing = close > markup_start_ + 1 && buffer_[close - 1] == '/';
  if (!self_closing) {
    ++depth_;
    return std::nullopt;
  }
  if (depth_ != 0) return std::nullopt;
  return take(Frame::Kind::kDocument, scan_);
}

std::optional<Frame> Framer::end_end_tag() {
  state_ = LexState::kText;
  if (depth_ == 0) {  // stray end tag outside any element
    if (junk_) {
      frame_start_ = scan_;
      return std::nullopt;
    }
    junk_ = true;
    return take(Frame::Kind::kJunk, scan_);
  }
  --depth_;
  if (depth_ != 0) return std::nullopt;
  return take(Frame::Kind::kDocument, scan_);
}

std::optional<Frame> Framer::end_processing_instruction() {
  state_ = LexState::kText;
  if (depth_ == 0) return std::nullopt;
  const std::string_view target(buffer_.data() + markup_start_,
                                std::min<std::size_t>(6, scan_ - markup_start_));
  const bool declaration = target.size() == 6 && target.starts_with("<?xml") &&
                           (is_space(target[5]) || target[5] == '?');
  if (!declaration) return std::nullopt;
  // An XML declaration inside an open event: the event was cut off.
  depth_ = 0;
  return take(Frame::Kind::kTruncated, markup_start_);
}

}  // namespace sw::cot
