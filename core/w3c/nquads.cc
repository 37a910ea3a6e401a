#include "core/w3c/nquads.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace vaardig::w3c {
namespace {

constexpr char32_t kMaxCodePoint = 0x10FFFF;

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes one UTF-8 sequence at text[pos]; nullopt when it is not well-formed (overlong forms,
// surrogates and values above U+10FFFF included).
std::optional<std::pair<char32_t, std::size_t>> DecodeUtf8(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[pos + i]); };
  const std::uint8_t lead = byte(0);
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (lead < 0x80) return std::pair<char32_t, std::size_t>{lead, 1};
  if ((lead & 0xE0) == 0xC0) {
    length = 2, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (pos + length > text.size()) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (byte(i) & 0x3F);
  }
  if (cp < min || cp > kMaxCodePoint || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return std::pair<char32_t, std::size_t>{cp, length};
}

bool IsPnCharsBase(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6) ||
         (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
         (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
         (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
         (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
         (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}
// RDF 1.1 N-Quads keeps ':' in PN_CHARS_U.
bool IsPnCharsU(char32_t c) { return IsPnCharsBase(c) || c == '_' || c == ':'; }
bool IsPnChars(char32_t c) {
  return IsPnCharsU(c) || c == '-' || (c >= '0' && c <= '9') || c == 0xB7 ||
         (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Characters IRIREF does not allow unescaped ([^#x00-#x20<>"{}|^`\]).
bool IsForbiddenInIri(char32_t c) {
  switch (c) {
    case '<':
    case '>':
    case '"':
    case '{':
    case '}':
    case '|':
    case '^':
    case '`':
    case '\\':
      return true;
    default:
      return c <= 0x20;
  }
}

// RFC 3987 scheme ":" at the start: what makes an IRI absolute.
bool HasScheme(std::string_view iri) {
  if (iri.empty() || !IsAsciiAlpha(iri[0])) return false;
  for (std::size_t i = 1; i < iri.size(); ++i) {
    const char c = iri[i];
    if (c == ':') return true;
    if (!IsAsciiAlpha(c) && !IsAsciiDigit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

std::optional<int> HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

class Parser {
 public:
  Parser(std::string_view text, const NQuadsLimits& limits) : text_(text), limits_(limits) {}

  Result<Dataset> Parse() {
    VAARDIG_RETURN_IF_ERROR(CheckUtf8());
    Dataset dataset;
    while (true) {
      SkipSpaceAndComment();
      if (AtEnd()) break;
      if (AtEol()) {
        ConsumeEol();
        continue;
      }
      if (dataset.quads.size() >= limits_.max_quads) {
        return Fail(ErrorCode::kResourceExhausted,
                    Where() + "more than " + std::to_string(limits_.max_quads) + " quads");
      }
      VAARDIG_ASSIGN_OR_RETURN(Quad quad, ParseQuad());
      dataset.quads.push_back(std::move(quad));
      SkipSpaceAndComment();
      if (!AtEnd() && !AtEol()) return Invalid("expected end of line after '.'");
    }
    return dataset;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool AtEol() const { return Peek() == '\n' || Peek() == '\r'; }
  std::string Where() const { return "line " + std::to_string(line_) + ": "; }
  std::unexpected<vaardig::Error> Invalid(std::string_view message) const {
    return Fail(ErrorCode::kInvalidArgument, Where() + std::string(message));
  }

  // EOL ::= [#xD#xA]+; "\r\n" counts as one line break.
  void ConsumeEol() {
    while (AtEol()) {
      if (Peek() == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
    }
  }

  void SkipSpaceAndComment() {
    while (Peek() == ' ' || Peek() == '\t') ++pos_;
    if (Peek() == '#') {
      while (!AtEnd() && !AtEol()) ++pos_;
    }
  }

  Status CheckUtf8() {
    if (text_.size() > limits_.max_input_bytes) {
      return Fail(ErrorCode::kResourceExhausted,
                  "N-Quads input of " + std::to_string(text_.size()) +
                      " bytes exceeds the limit of " + std::to_string(limits_.max_input_bytes));
    }
    std::size_t line = 1;
    for (std::size_t i = 0; i < text_.size();) {
      if (text_[i] == '\n') ++line;
      auto decoded = DecodeUtf8(text_, i);
      if (!decoded) {
        return Fail(ErrorCode::kInvalidArgument,
                    "line " + std::to_string(line) + ": input is not valid UTF-8");
      }
      i += decoded->second;
    }
    return Ok();
  }

  // Reads a code point (input is known to be valid UTF-8).
  char32_t NextCodePoint() {
    auto decoded = DecodeUtf8(text_, pos_);
    pos_ += decoded->second;
    return decoded->first;
  }

  Result<char32_t> ParseUchar() {  // at 'u' or 'U' after the backslash
    const std::size_t digits = Peek() == 'u' ? 4 : 8;
    ++pos_;
    char32_t cp = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      const auto hex = HexValue(Peek());
      if (AtEnd() || !hex)
        return Invalid("\\u/\\U escape needs " + std::to_string(digits) + " hex digits");
      cp = (cp << 4) | static_cast<char32_t>(*hex);
      ++pos_;
    }
    if (cp > kMaxCodePoint || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return Invalid("escape is not a Unicode scalar value");
    }
    return cp;
  }

  Result<Iri> ParseIri() {
    ++pos_;  // '<'
    std::string value;
    while (true) {
      if (AtEnd() || AtEol()) return Invalid("unterminated IRI");
      if (Peek() == '>') break;
      char32_t cp;
      if (Peek() == '\\') {
        ++pos_;
        if (Peek() != 'u' && Peek() != 'U')
          return Invalid("only \\u and \\U escapes are allowed in an IRI");
        VAARDIG_ASSIGN_OR_RETURN(cp, ParseUchar());
        if (IsForbiddenInIri(cp)) return Invalid("escaped character not allowed in an IRI");
      } else {
        cp = NextCodePoint();
        if (IsForbiddenInIri(cp)) return Invalid("character not allowed in an IRI");
      }
      AppendUtf8(value, cp);
    }
    ++pos_;  // '>'
    if (!HasScheme(value))
      return Invalid("relative IRI <" + value + ">; N-Quads needs absolute IRIs");
    return Iri{std::move(value)};
  }

  // BLANK_NODE_LABEL ::= '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?
  Result<BlankNode> ParseBlankNode() {
    if (pos_ + 1 >= text_.size() || text_[pos_ + 1] != ':') return Invalid("expected '_:'");
    pos_ += 2;
    if (AtEnd()) return Invalid("empty blank node label");
    const std::size_t start = pos_;
    const char32_t first = NextCodePoint();
    if (!IsPnCharsU(first) && !(first >= '0' && first <= '9')) {
      return Invalid("invalid first character in blank node label");
    }
    std::size_t end = pos_;  // end of the label so far, never after a trailing '.'
    while (!AtEnd()) {
      const std::size_t before = pos_;
      const char32_t c = NextCodePoint();
      if (c == '.') continue;
      if (!IsPnChars(c)) {
        pos_ = before;
        break;
      }
      end = pos_;
    }
    pos_ = end;  // trailing dots belong to the statement, not the label
    return BlankNode{std::string(text_.substr(start, end - start))};
  }

  Result<Literal> ParseLiteral() {
    ++pos_;  // '"'
    Literal literal;
    while (true) {
      if (AtEnd() || AtEol()) return Invalid("unterminated string literal");
      const char c = Peek();
      if (c == '"') break;
      if (c != '\\') {
        AppendUtf8(literal.lexical, NextCodePoint());
        continue;
      }
      ++pos_;
      switch (Peek()) {
        case 't':
          literal.lexical += '\t';
          break;
        case 'b':
          literal.lexical += '\b';
          break;
        case 'n':
          literal.lexical += '\n';
          break;
        case 'r':
          literal.lexical += '\r';
          break;
        case 'f':
          literal.lexical += '\f';
          break;
        case '"':
          literal.lexical += '"';
          break;
        case '\'':
          literal.lexical += '\'';
          break;
        case '\\':
          literal.lexical += '\\';
          break;
        case 'u':
        case 'U': {
          VAARDIG_ASSIGN_OR_RETURN(const char32_t cp, ParseUchar());
          AppendUtf8(literal.lexical, cp);
          continue;
        }
        default:
          return Invalid("invalid escape in string literal");
      }
      ++pos_;
    }
    ++pos_;  // '"'
    SkipSpace();
    if (Peek() == '@') {
      ++pos_;
      VAARDIG_ASSIGN_OR_RETURN(literal.language, ParseLanguageTag());
      literal.datatype = kRdfLangString;
    } else if (Peek() == '^') {
      if (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '^') return Invalid("expected '^^'");
      pos_ += 2;
      SkipSpace();
      if (Peek() != '<') return Invalid("expected a datatype IRI after '^^'");
      VAARDIG_ASSIGN_OR_RETURN(Iri datatype, ParseIri());
      if (datatype.value == kRdfLangString) return Invalid("rdf:langString needs a language tag");
      literal.datatype = std::move(datatype.value);
    }
    return literal;
  }

  // LANGTAG ::= '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*
  Result<std::string> ParseLanguageTag() {
    const std::size_t start = pos_;
    while (IsAsciiAlpha(Peek())) ++pos_;
    if (pos_ == start) return Invalid("empty language tag");
    while (Peek() == '-') {
      const std::size_t subtag = ++pos_;
      while (IsAsciiAlpha(Peek()) || IsAsciiDigit(Peek())) ++pos_;
      if (pos_ == subtag) return Invalid("empty language subtag");
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  void SkipSpace() {
    while (Peek() == ' ' || Peek() == '\t') ++pos_;
  }

  Result<Subject> ParseSubjectOrGraph(std::string_view what) {
    SkipSpace();
    if (Peek() == '<') {
      VAARDIG_ASSIGN_OR_RETURN(Iri iri, ParseIri());
      return Subject(std::move(iri));
    }
    if (Peek() == '_') {
      VAARDIG_ASSIGN_OR_RETURN(BlankNode node, ParseBlankNode());
      return Subject(std::move(node));
    }
    if (Peek() == '"') return Invalid(std::string(what) + " cannot be a literal");
    return Invalid("expected an IRI or blank node as " + std::string(what));
  }

  Result<Quad> ParseQuad() {
    Quad quad;
    VAARDIG_ASSIGN_OR_RETURN(quad.subject, ParseSubjectOrGraph("subject"));
    SkipSpace();
    if (Peek() != '<') return Invalid("predicate must be an IRI");
    VAARDIG_ASSIGN_OR_RETURN(quad.predicate, ParseIri());
    SkipSpace();
    switch (Peek()) {
      case '<': {
        VAARDIG_ASSIGN_OR_RETURN(quad.object, ParseIri());
        break;
      }
      case '_': {
        VAARDIG_ASSIGN_OR_RETURN(quad.object, ParseBlankNode());
        break;
      }
      case '"': {
        VAARDIG_ASSIGN_OR_RETURN(quad.object, ParseLiteral());
        break;
      }
      default:
        return Invalid("expected an IRI, blank node or literal as object");
    }
    SkipSpace();
    if (Peek() == '<' || Peek() == '_' || Peek() == '"') {
      VAARDIG_ASSIGN_OR_RETURN(quad.graph, ParseSubjectOrGraph("graph name"));
      SkipSpace();
    }
    if (Peek() != '.') return Invalid("expected '.' at the end of the statement");
    ++pos_;
    return quad;
  }

  std::string_view text_;
  const NQuadsLimits& limits_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};
}  // namespace

Result<Dataset> ParseNQuads(std::string_view text, const NQuadsLimits& limits) {
  return Parser(text, limits).Parse();
}

}  // namespace vaardig::w3c
