#pragma once
/// Framer: cuts a CoT byte stream (file, TCP) into one XML document per event.
///
/// Events arrive concatenated, with or without XML declarations, newlines or comments
/// between them, and split anywhere across reads. The framer lexes markup (tags with
/// quoted attribute values, comments, CDATA, processing instructions, declarations) and
/// counts element depth, so a document ends where its root element closes, including a
/// self-closing root such as `<event/>`, and `>` inside attribute values is no boundary.
/// Like TAK, a `</event>` token ends an open event whatever the lexer state (unbalanced
/// quotes, unclosed children; also inside a comment or CDATA, as for TAK).
///
/// Resynchronisation (CoT never nests <event> elements):
/// - a new `<event` start tag or `<?xml` declaration inside an open event ends that event
///   as truncated and starts a new document there;
/// - a '<' inside a tag (unbalanced quotes, unclosed tag) makes the document malformed:
///   it ends at the next `</event>`, or just before the next `<event` or `<?xml`, and is
///   handed on as a document (the parser refuses it);
/// - text or an end tag outside any element is junk, reported once per run and dropped;
/// - a document longer than `max_document_bytes` is reported as oversized; then bytes are
///   discarded (at most 8 are held) until `</event>`, `<event` or `<?xml`.
/// Memory is bounded by max_document_bytes plus the bytes of one append().

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sw::cot {

/// One piece of the stream.
struct Frame {
  /// What the piece is.
  enum class Kind : std::uint8_t {
    kDocument,   ///< a complete root element with its prologue: parse it
    kJunk,       ///< text or a stray end tag outside any element
    kTruncated,  ///< an event cut off by a new event, declaration or end of input
    kOversized,  ///< the first max_document_bytes of an oversized document
  };
  Kind kind = Kind::kDocument;
  std::string_view bytes;  ///< valid until the next append() or finish()
};

/// Incremental XML document framer (see the file comment).
class Framer {
 public:
  explicit Framer(std::size_t max_document_bytes);

  /// Adds bytes; invalidates the views of frames returned so far.
  void append(std::string_view bytes);
  /// The next frame found in the bytes appended so far, or nullopt if more are needed.
  std::optional<Frame> next();
  /// End of input: the incomplete remainder as kTruncated (if it holds anything but
  /// whitespace), then the framer is reset for a new stream.
  std::optional<Frame> finish();

  /// Bytes held for an incomplete document.
  std::size_t pending_bytes() const { return buffer_.size() - frame_start_; }

 private:
  enum class LexState : std::uint8_t {
    kText,
    kLessThan,  ///< just after '<'
    kStartTag,
    kEndTag,
    kProcessingInstruction,
    kBang,  ///< after "<!": comment, CDATA or declaration?
    kComment,
    kCData,
    kDeclaration,
  };

  std::optional<Frame> lex_byte(char c);
  std::optional<Frame> raw_byte(char c);
  /// Outside an open event, an unterminated comment or declaration ends where a new
  /// document starts (`<event` or `<?xml`): it is junk, not the rest of the stream.
  std::optional<Frame> restart_outside_event(char c, std::size_t pos);
  void skip_byte();
  std::optional<Frame> end_start_tag();
  std::optional<Frame> end_end_tag();
  std::optional<Frame> end_processing_instruction();
  std::optional<Frame> check_start_tag_name();
  Frame take(Frame::Kind kind, std::size_t end);
  bool ends_with_at(std::size_t last, std::string_view suffix, std::size_t min_start) const;
  void reset_lexer();

  std::size_t max_document_bytes_;
  std::string buffer_;
  std::size_t scan_ = 0;          ///< next byte to lex
  std::size_t frame_start_ = 0;   ///< first byte of the current frame
  std::size_t markup_start_ = 0;  ///< the '<' of the markup being lexed
  std::size_t skip_origin_ = 0;   ///< resync points must start at or after this
  LexState state_ = LexState::kText;
  char quote_ = 0;          ///< open quote inside a tag or declaration
  int depth_ = 0;           ///< open elements of the current document
  int bracket_depth_ = 0;   ///< '[' nesting inside a declaration
  bool name_done_ = false;  ///< start tag name seen
  bool junk_ = false;       ///< inside a run of junk text (already reported)
  bool raw_ = false;        ///< malformed markup: only look for resync points
  bool skipping_ = false;   ///< discarding the rest of an oversized document
};

}  // namespace sw::cot
