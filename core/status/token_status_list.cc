#include "core/status/token_status_list.h"

#include <zlib.h>

#include "core/encoding/base64url.h"

namespace vaardig::status {
namespace {

bool ValidBits(int bits) { return bits == 1 || bits == 2 || bits == 4 || bits == 8; }

// The largest list we create: 2^26 entries (8 MiB at 1 bit), far above any sensible issuer.
constexpr std::size_t kMaxEntries = std::size_t{1} << 26;

}  // namespace

Result<StatusList> StatusList::Create(int bits, std::size_t size) {
  if (!ValidBits(bits)) return Fail(ErrorCode::kInvalidArgument, "bits must be 1, 2, 4 or 8");
  if (size == 0 || size > kMaxEntries) {
    return Fail(ErrorCode::kInvalidArgument, "a status list holds 1 to 2^26 entries");
  }
  const std::size_t bytes = (size * static_cast<std::size_t>(bits) + 7) / 8;
  return StatusList(bits, Bytes(bytes, 0));
}

Result<StatusList> StatusList::FromBytes(int bits, Bytes bytes) {
  if (!ValidBits(bits)) return Fail(ErrorCode::kInvalidArgument, "bits must be 1, 2, 4 or 8");
  if (bytes.empty()) return Fail(ErrorCode::kInvalidArgument, "a status list may not be empty");
  return StatusList(bits, std::move(bytes));
}

Result<StatusList> StatusList::Decode(const Json& status_list, const StatusListLimits& limits) {
  if (!status_list.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "status_list must be an object");
  }
  auto bits_it = status_list.find("bits");
  auto lst_it = status_list.find("lst");
  if (bits_it == status_list.end() || !bits_it->is_number_integer()) {
    return Fail(ErrorCode::kInvalidArgument, "status_list.bits must be an integer");
  }
  if (lst_it == status_list.end() || !lst_it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "status_list.lst must be a string");
  }
  const auto bits = bits_it->get<std::int64_t>();
  if (bits != 1 && bits != 2 && bits != 4 && bits != 8) {
    return Fail(ErrorCode::kInvalidArgument, "status_list.bits must be 1, 2, 4 or 8");
  }
  const auto& lst = lst_it->get_ref<const std::string&>();
  if (lst.size() > limits.max_compressed_bytes) {
    return Fail(ErrorCode::kResourceExhausted, "status list larger than the limit");
  }
  auto compressed = encoding::Base64UrlDecode(lst);
  if (!compressed) return Fail(compressed.error().WithContext("status_list.lst"));
  VAARDIG_ASSIGN_OR_RETURN(Bytes bytes, ZlibDecompress(*compressed, limits.max_decompressed_bytes));
  return FromBytes(static_cast<int>(bits), std::move(bytes));
}

Result<Json> StatusList::Encode() const {
  VAARDIG_ASSIGN_OR_RETURN(Bytes compressed, ZlibCompress(bytes_));
  Json out = Json::object();
  out["bits"] = bits_;
  out["lst"] = encoding::Base64UrlEncode(ByteView(compressed));
  return out;
}

Result<std::uint8_t> StatusList::Get(std::size_t index) const {
  if (index >= size()) {
    return Fail(ErrorCode::kInvalidArgument,
                "status index " + std::to_string(index) + " is beyond the list of " +
                    std::to_string(size()) + " entries");
  }
  const std::size_t bit = index * static_cast<std::size_t>(bits_);
  const unsigned mask = (1u << bits_) - 1u;
  return static_cast<std::uint8_t>((bytes_[bit / 8] >> (bit % 8)) & mask);
}

Status StatusList::Set(std::size_t index, std::uint8_t value) {
  if (index >= size()) {
    return Fail(ErrorCode::kInvalidArgument, "status index " + std::to_string(index) + " is beyond the list");
  }
  const unsigned mask = (1u << bits_) - 1u;
  if (value > mask) {
    return Fail(ErrorCode::kInvalidArgument,
                "status value " + std::to_string(value) + " does not fit in " + std::to_string(bits_) + " bits");
  }
  const std::size_t bit = index * static_cast<std::size_t>(bits_);
  std::uint8_t& byte = bytes_[bit / 8];
  byte = static_cast<std::uint8_t>((byte & ~(mask << (bit % 8))) | (value << (bit % 8)));
  return Ok();
}

Result<Bytes> ZlibCompress(ByteView data) {
  uLongf bound = compressBound(static_cast<uLong>(data.size()));
  Bytes out(bound);
  const int rc = compress2(out.data(), &bound, data.data(), static_cast<uLong>(data.size()),
                           Z_BEST_COMPRESSION);
  if (rc != Z_OK) return Fail(ErrorCode::kInternal, "zlib compress2 failed: " + std::to_string(rc));
  out.resize(bound);
  return out;
}

namespace {

// window_bits 15: zlib (RFC 1950) only; 15 + 16: gzip (RFC 1952) only.
Result<Bytes> Inflate(ByteView data, std::size_t max_output, int window_bits) {
  z_stream stream{};
  if (inflateInit2(&stream, window_bits) != Z_OK) {
    return Fail(ErrorCode::kInternal, "zlib inflateInit2 failed");
  }
  Bytes out;
  out.resize(std::min<std::size_t>(max_output, std::max<std::size_t>(data.size() * 4, 1024)));
  stream.next_in = const_cast<Bytef*>(data.data());
  stream.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  std::size_t produced = 0;
  while (true) {
    if (produced == out.size()) {
      if (out.size() >= max_output) break;
      out.resize(std::min(max_output, out.size() * 2));
    }
    stream.next_out = out.data() + produced;
    stream.avail_out = static_cast<uInt>(out.size() - produced);
    rc = inflate(&stream, Z_NO_FLUSH);
    produced = out.size() - stream.avail_out;
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
    if (rc == Z_BUF_ERROR && stream.avail_in == 0) break;  // truncated input
  }
  const bool trailing = stream.avail_in != 0;
  inflateEnd(&stream);
  if (rc == Z_STREAM_END) {
    if (trailing) return Fail(ErrorCode::kInvalidArgument, "data after the end of the compressed stream");
    out.resize(produced);
    return out;
  }
  if (produced >= max_output) {
    return Fail(ErrorCode::kResourceExhausted,
                "the status list inflates beyond " + std::to_string(max_output) + " bytes");
  }
  return Fail(ErrorCode::kInvalidArgument, window_bits == 15 ? "the status list is not valid zlib data"
                                                              : "the status list is not valid gzip data");
}

}  // namespace

Result<Bytes> ZlibDecompress(ByteView data, std::size_t max_output) { return Inflate(data, max_output, 15); }
Result<Bytes> GzipDecompress(ByteView data, std::size_t max_output) { return Inflate(data, max_output, 15 + 16); }

Result<Bytes> GzipCompress(ByteView data) {
  // Bitstring Status List v1.0 sets no compression level. zlib's default (6) encodes a 2^20-entry
  // list about 13x faster than level 9 for ~15% more bytes (tests/bench: encode was 0.1x the
  // peer, which uses pako's default); an issuer re-encodes on every revocation.
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Fail(ErrorCode::kInternal, "zlib deflateInit2 failed");
  }
  Bytes out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32);
  stream.next_in = const_cast<Bytef*>(data.data());
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = out.data();
  stream.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&stream, Z_FINISH);
  const std::size_t produced = out.size() - stream.avail_out;
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) return Fail(ErrorCode::kInternal, "gzip compression failed: " + std::to_string(rc));
  out.resize(produced);
  return out;
}

}  // namespace vaardig::status
