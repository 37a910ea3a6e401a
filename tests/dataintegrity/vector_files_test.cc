// The vector loader's count check: every file copied into tests/vectors/vc-di-eddsa is one the
// tests read (listed here), and every listed file exists. A file added upstream-style without a
// test, or a test whose file went missing, fails here.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

namespace vaardig::dataintegrity {
namespace {

const std::set<std::string> kUsedFiles = {
    "keyPair.json",
    "unsigned.json",
    "employmentAuth.json",
    "eddsa-jcs-2022/canonDocJCS.txt",
    "eddsa-jcs-2022/combinedHashJCS.txt",
    "eddsa-jcs-2022/docHashJCS.txt",
    "eddsa-jcs-2022/proofCanonJCS.txt",
    "eddsa-jcs-2022/proofConfigJCS.json",
    "eddsa-jcs-2022/proofHashJCS.txt",
    "eddsa-jcs-2022/sigBTC58JCS.txt",
    "eddsa-jcs-2022/sigHexJCS.txt",
    "eddsa-jcs-2022/signedJCS.json",
    "eddsa-rdfc-2022/canonDocDataInt.txt",
    "eddsa-rdfc-2022/combinedHashDataInt.txt",
    "eddsa-rdfc-2022/docHashDataInt.txt",
    "eddsa-rdfc-2022/proofCanonDataInt.txt",
    "eddsa-rdfc-2022/proofConfigDataInt.json",
    "eddsa-rdfc-2022/proofHashDataInt.txt",
    "eddsa-rdfc-2022/sigBTC58DataInt.txt",
    "eddsa-rdfc-2022/sigHexDataInt.txt",
    "eddsa-rdfc-2022/signedDataInt.json",
    "eddsa-rdfc-2022/employ/canonDocDataInt.txt",
    "eddsa-rdfc-2022/employ/combinedHashDataInt.txt",
    "eddsa-rdfc-2022/employ/docHashDataInt.txt",
    "eddsa-rdfc-2022/employ/proofCanonDataInt.txt",
    "eddsa-rdfc-2022/employ/proofConfigDataInt.json",
    "eddsa-rdfc-2022/employ/proofHashDataInt.txt",
    "eddsa-rdfc-2022/employ/sigBTC58DataInt.txt",
    "eddsa-rdfc-2022/employ/sigHexDataInt.txt",
    "eddsa-rdfc-2022/employ/signedDataInt.json",
    "proof-set-chain/multiKeyPairs.json",
    "proof-set-chain/unsigned.json",
    "proof-set-chain/proofSetConfig1.json",
    "proof-set-chain/proofSetConfig2.json",
    "proof-set-chain/proofSetConfigSigned1.json",
    "proof-set-chain/proofSetConfigSigned2.json",
    "proof-set-chain/proofChainConfig1.json",
    "proof-set-chain/proofChainConfig2.json",
    "proof-set-chain/proofChainConfigSigned1.json",
    "proof-set-chain/proofChainConfigSigned2.json",
    "proof-set-chain/proofChainTempDoc1.json",
    "proof-set-chain/proofChainTempDoc2.json",
    "proof-set-chain/signedProofSet1.json",
    "proof-set-chain/signedProofSet2.json",
    "proof-set-chain/signedProofChain1.json",
    "proof-set-chain/signedProofChain2.json",
};

TEST(VectorFiles, AreAllUsed) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(VAARDIG_VECTORS_DIR) / "vc-di-eddsa";
  std::set<std::string> present;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = fs::relative(entry.path(), root).generic_string();
    if (relative == "README.md" || relative == "LICENSE.md") continue;
    present.insert(relative);
  }
  EXPECT_EQ(present, kUsedFiles);
}

}  // namespace
}  // namespace vaardig::dataintegrity
