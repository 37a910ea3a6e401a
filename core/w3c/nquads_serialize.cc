// Canonical N-Quads (RDFC-1.0 appendix A, https://www.w3.org/TR/rdf-canon/#canonical-quads).
#include <string>
#include <string_view>
#include <variant>

#include "core/w3c/nquads.h"

namespace vaardig::w3c {
namespace {

void AppendLiteralText(std::string& out, std::string_view lexical) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char ch : lexical) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
}

struct TermWriter {
  std::string& out;
  void operator()(const Iri& iri) const {
    out += '<';
    out += iri.value;
    out += '>';
  }
  void operator()(const BlankNode& node) const {
    out += "_:";
    out += node.id;
  }
  void operator()(const Literal& literal) const {
    out += '"';
    AppendLiteralText(out, literal.lexical);
    out += '"';
    if (!literal.language.empty()) {
      out += '@';
      out += literal.language;
    } else if (literal.datatype != kXsdString) {
      out += "^^<";
      out += literal.datatype;
      out += '>';
    }
  }
};

}  // namespace

std::string SerializeQuad(const Quad& quad) {
  std::string out;
  const TermWriter writer{out};
  std::visit(writer, quad.subject);
  out += ' ';
  writer(quad.predicate);
  out += ' ';
  std::visit(writer, quad.object);
  out += ' ';
  if (quad.graph) {
    std::visit(writer, *quad.graph);
    out += ' ';
  }
  out += ".\n";
  return out;
}

std::string SerializeNQuads(const Dataset& dataset) {
  std::string out;
  for (const Quad& quad : dataset.quads) out += SerializeQuad(quad);
  return out;
}

}  // namespace vaardig::w3c
