#include "core/crypto/ecdsa_der.h"

#include <algorithm>
#include <string>

#include "core/crypto/internal/der_signature.h"

namespace vaardig::crypto {
namespace {

constexpr std::uint8_t kTagInteger = 0x02;
constexpr std::uint8_t kTagSequence = 0x30;
// Larger than any ECDSA scalar we will meet (P-521 is 66 bytes); keeps lengths to two bytes.
constexpr std::size_t kMaxScalarSize = 1024;

std::size_t WriteLength(std::size_t length, std::uint8_t* out) {
  if (length < 0x80) {
    out[0] = static_cast<std::uint8_t>(length);
    return 1;
  }
  if (length <= 0xff) {
    out[0] = 0x81;
    out[1] = static_cast<std::uint8_t>(length);
    return 2;
  }
  out[0] = 0x82;
  out[1] = static_cast<std::uint8_t>(length >> 8);
  out[2] = static_cast<std::uint8_t>(length);
  return 3;
}

std::size_t LengthOfLength(std::size_t length) {
  return length < 0x80 ? 1 : length <= 0xff ? 2 : 3;
}

// Content octets of the minimal DER INTEGER for the unsigned big-endian `value`.
struct IntegerContent {
  ByteView magnitude;  // without leading zeros (one zero byte for the value 0)
  bool sign_byte;      // a 0x00 must precede the magnitude to keep it positive
  std::size_t size() const { return magnitude.size() + (sign_byte ? 1 : 0); }
};

IntegerContent MinimalInteger(ByteView value) {
  std::size_t skip = 0;
  while (skip + 1 < value.size() && value[skip] == 0) ++skip;
  ByteView magnitude = value.subspan(skip);
  return {magnitude, (magnitude[0] & 0x80) != 0};
}

std::size_t WriteInteger(const IntegerContent& integer, std::uint8_t* out) {
  std::size_t pos = 0;
  out[pos++] = kTagInteger;
  pos += WriteLength(integer.size(), out + pos);
  if (integer.sign_byte) out[pos++] = 0x00;
  std::copy(integer.magnitude.begin(), integer.magnitude.end(), out + pos);
  return pos + integer.magnitude.size();
}

Error Malformed(std::string what) {
  return Error(ErrorCode::kInvalidArgument, "malformed DER ECDSA signature: " + std::move(what));
}

// Strict DER reader over a byte span.
class DerReader {
 public:
  explicit DerReader(ByteView data) : data_(data) {}
  bool done() const { return data_.empty(); }

  // Reads tag and definite, minimally encoded length; returns the content and advances past it.
  Result<ByteView> Read(std::uint8_t tag, std::string_view name) {
    if (data_.size() < 2) return Fail(Malformed(std::string(name) + " is truncated"));
    if (data_[0] != tag) return Fail(Malformed("expected " + std::string(name)));
    std::size_t length = data_[1];
    std::size_t header = 2;
    if (length == 0x80) return Fail(Malformed("indefinite length"));
    if (length > 0x80) {
      const std::size_t count = length & 0x7f;
      if (count > 2) return Fail(Malformed("length too large"));
      if (data_.size() < 2 + count) return Fail(Malformed(std::string(name) + " is truncated"));
      length = 0;
      for (std::size_t i = 0; i < count; ++i) length = (length << 8) | data_[2 + i];
      // Minimal: the long form only from 128 on, and without leading zero octets.
      if (length < 0x80 || data_[2] == 0) return Fail(Malformed("non-minimal length"));
      header += count;
    }
    if (data_.size() - header < length) {
      return Fail(Malformed(std::string(name) + " is truncated"));
    }
    ByteView content = data_.subspan(header, length);
    data_ = data_.subspan(header + length);
    return content;
  }

 private:
  ByteView data_;
};

// A positive, minimally encoded INTEGER, written right-aligned into `out` (scalar_size bytes).
Status ReadScalar(DerReader& reader, std::string_view name, std::span<std::uint8_t> out) {
  VAARDIG_ASSIGN_OR_RETURN(ByteView content, reader.Read(kTagInteger, name));
  if (content.empty()) return Fail(Malformed(std::string(name) + " is empty"));
  if ((content[0] & 0x80) != 0) return Fail(Malformed(std::string(name) + " is negative"));
  if (content.size() > 1 && content[0] == 0 && (content[1] & 0x80) == 0) {
    return Fail(Malformed(std::string(name) + " has a non-minimal encoding"));
  }
  if (content[0] == 0) content = content.subspan(1);
  if (content.empty()) return Fail(Malformed(std::string(name) + " is zero"));
  if (content.size() > out.size()) {
    return Fail(Malformed(std::string(name) + " is longer than the scalar size"));
  }
  std::fill(out.begin(), out.end(), 0);
  std::copy(content.begin(), content.end(),
            out.end() - static_cast<std::ptrdiff_t>(content.size()));
  return Ok();
}

}  // namespace

namespace internal {

std::size_t P1363ToDerInto(ByteView p1363, std::span<std::uint8_t> out) {
  const std::size_t n = p1363.size() / 2;
  const IntegerContent r = MinimalInteger(p1363.first(n));
  const IntegerContent s = MinimalInteger(p1363.subspan(n));
  const std::size_t body =
      1 + LengthOfLength(r.size()) + r.size() + 1 + LengthOfLength(s.size()) + s.size();
  std::size_t pos = 0;
  out[pos++] = kTagSequence;
  pos += WriteLength(body, out.data() + pos);
  pos += WriteInteger(r, out.data() + pos);
  pos += WriteInteger(s, out.data() + pos);
  return pos;
}

}  // namespace internal

Result<Bytes> P1363ToDer(ByteView p1363, std::size_t scalar_size) {
  if (scalar_size == 0 || scalar_size > kMaxScalarSize) {
    return Fail(ErrorCode::kInvalidArgument,
                "unsupported ECDSA scalar size " + std::to_string(scalar_size));
  }
  if (p1363.size() != 2 * scalar_size) {
    return Fail(ErrorCode::kInvalidArgument, "ECDSA r||s signature must be " +
                                                 std::to_string(2 * scalar_size) + " bytes, got " +
                                                 std::to_string(p1363.size()));
  }
  Bytes der(internal::MaxDerSignatureSize(scalar_size));
  der.resize(internal::P1363ToDerInto(p1363, der));
  return der;
}

Result<Bytes> DerToP1363(ByteView der, std::size_t scalar_size) {
  if (scalar_size == 0 || scalar_size > kMaxScalarSize) {
    return Fail(ErrorCode::kInvalidArgument,
                "unsupported ECDSA scalar size " + std::to_string(scalar_size));
  }
  DerReader outer(der);
  VAARDIG_ASSIGN_OR_RETURN(ByteView sequence, outer.Read(kTagSequence, "SEQUENCE"));
  if (!outer.done()) return Fail(Malformed("trailing bytes after the SEQUENCE"));
  Bytes p1363(2 * scalar_size);
  DerReader inner(sequence);
  VAARDIG_RETURN_IF_ERROR(ReadScalar(inner, "r", std::span(p1363).first(scalar_size)));
  VAARDIG_RETURN_IF_ERROR(ReadScalar(inner, "s", std::span(p1363).subspan(scalar_size)));
  if (!inner.done()) return Fail(Malformed("trailing bytes inside the SEQUENCE"));
  return p1363;
}

}  // namespace vaardig::crypto
