#include "core/did/multikey.h"

#include <cstdint>
#include <string>
#include <variant>

#include "core/crypto/ed25519.h"
#include "core/crypto/p256.h"
#include "core/encoding/multibase.h"

namespace vaardig::did {
namespace {

constexpr std::size_t kP256CompressedSize = 33;

// Codecs from the multicodec table that are worth a precise message.
std::string CodecName(std::uint64_t codec) {
  switch (codec) {
    case 0xe7:
      return "secp256k1-pub";
    case 0xec:
      return "x25519-pub";
    case 0xeb:
      return "bls12_381-g2-pub";
    case 0x1201:
      return "p384-pub";
    case 0x1202:
      return "p521-pub";
    case 0x1205:
      return "rsa-pub";
    default:
      break;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  do {
    hex.insert(hex.begin(), kHex[codec & 0xf]);
    codec >>= 4;
  } while (codec != 0);
  return "0x" + hex;
}

bool IsPrivateKeyCodec(std::uint64_t codec) {
  // ed25519-priv, secp256k1-priv, x25519-priv, p256-priv, p384-priv, p521-priv, rsa-priv.
  return codec == encoding::kMulticodecEd25519Priv || (codec >= 0x1301 && codec <= 0x1306);
}

}  // namespace

Result<jose::PublicJwk> DecodeMultikey(std::string_view multibase) {
  if (!multibase.starts_with('z')) {
    return Fail(ErrorCode::kInvalidArgument, "Multikey must be base58btc multibase (prefix 'z')");
  }
  VAARDIG_ASSIGN_OR_RETURN(const Bytes bytes, encoding::MultibaseDecode(multibase));
  VAARDIG_ASSIGN_OR_RETURN(const encoding::MulticodecValue value,
                           encoding::MulticodecUnwrap(bytes));
  if (value.codec == encoding::kMulticodecEd25519Pub) {
    auto key = crypto::Ed25519PublicKey::Create(value.data);
    if (!key) return Fail(key.error().WithContext("Multikey ed25519-pub"));
    return jose::PublicJwk::FromKey(*key);
  }
  if (value.codec == encoding::kMulticodecP256Pub) {
    if (value.data.size() != kP256CompressedSize) {
      return Fail(ErrorCode::kInvalidArgument,
                  "Multikey p256-pub must be a 33-byte compressed point, got " +
                      std::to_string(value.data.size()) + " bytes");
    }
    auto key = crypto::P256PublicKey::FromSec1(value.data);
    if (!key) return Fail(key.error().WithContext("Multikey p256-pub"));
    return jose::PublicJwk::FromKey(*key);
  }
  if (IsPrivateKeyCodec(value.codec)) {
    return Fail(ErrorCode::kInvalidArgument, "Multikey holds a private key, expected a public key");
  }
  return Fail(ErrorCode::kUnimplemented, "Multikey codec " + CodecName(value.codec) +
                                             " is not supported (only ed25519-pub and p256-pub)");
}

Result<std::string> EncodeMultikey(const jose::PublicJwk& key) {
  if (const auto* ed = std::get_if<crypto::Ed25519PublicKey>(&key.key())) {
    return encoding::MultibaseEncode(
        encoding::Multibase::kBase58Btc,
        encoding::MulticodecWrap(encoding::kMulticodecEd25519Pub, ed->bytes()));
  }
  if (const auto* p256 = std::get_if<crypto::P256PublicKey>(&key.key())) {
    return encoding::MultibaseEncode(
        encoding::Multibase::kBase58Btc,
        encoding::MulticodecWrap(encoding::kMulticodecP256Pub, p256->Sec1Compressed()));
  }
  return Fail(ErrorCode::kUnimplemented,
              "Multikey encoding is only supported for Ed25519 and P-256");
}

}  // namespace vaardig::did
