// awardflow sign, verify and keys: the command-line face of the XMLDSig profile and the demo PKI.
#include <iostream>
#include <ostream>

#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "engine/cli/cli.hpp"
#include "engine/cli/commands.hpp"
#include "engine/cli/report_format.hpp"
#include "engine/core/file.hpp"
#include "engine/service/keys.hpp"
#include "engine/service/signatures.hpp"

namespace awardflow::cli {
namespace {

using Poco::Util::Option;

// The passphrase from --NAME FILE, or "" when the option is absent.
core::Result<std::string> passphrase(const ParsedArgs& args, const std::string& option) {
  if (!args.has(option)) return std::string();
  return service::readPassphrase(args.value(option));
}

Option valueOption(const char* name, const char* short_name, const char* help, const char* arg) {
  return Option(name, short_name, help).argument(arg);
}

}  // namespace

int runSign(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  options.addOption(
      valueOption("key", "k", "private key: encrypted PKCS#8 PEM, or PKCS#12 (.p12)", "FILE"));
  options.addOption(
      valueOption("cert", "c", "signer's certificate (PEM); optional with a PKCS#12 key", "FILE"));
  options.addOption(
      valueOption("chain", "", "intermediate CA certificates to include (PEM)", "FILE"));
  options.addOption(
      valueOption("passphrase-file", "p", "file whose first line is the key's passphrase", "FILE"));
  options.addOption(valueOption(
      "output", "o", "write the signed document here (default: standard output)", "FILE"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(
        out, options, "sign",
        "--key FILE [--cert FILE] [--chain FILE] [--passphrase-file F] IN [-o OUT]",
        "Adds an enveloped XML signature (XMLDSig, docs/signatures.md) to the document IN and "
        "writes "
        "the signed document. Signatures already on IN stay valid, so the signer and then the "
        "agency "
        "seal can sign in turn. Exit status: 0 signed, 64 usage, 65 the document or key is not "
        "acceptable, 66 a file is missing.");
    return kExitOk;
  }
  if (!parsed.has("key")) return usageError(err, "sign", "--key is required", "cần có --key");
  if (parsed.operands.size() != 1) {
    return usageError(err, "sign", "give exactly one document to sign",
                      "chỉ ra đúng một văn bản cần ký");
  }
  auto pass = passphrase(parsed, "passphrase-file");
  if (!pass) return reportFailure(err, "sign", pass.error());
  const std::optional<std::filesystem::path> cert =
      parsed.has("cert") ? std::optional<std::filesystem::path>(parsed.value("cert"))
                         : std::nullopt;
  const std::optional<std::filesystem::path> chain =
      parsed.has("chain") ? std::optional<std::filesystem::path>(parsed.value("chain"))
                          : std::nullopt;
  auto material = service::loadSigningMaterial(parsed.value("key"), cert, chain, *pass);
  if (!material) return reportFailure(err, "sign", material.error());
  auto signed_document = service::signFile(parsed.operands[0], *material);
  if (!signed_document) return reportFailure(err, "sign", signed_document.error());
  if (!parsed.has("output")) {
    out << *signed_document;
    return kExitOk;
  }
  auto written = core::writeFileAtomic(parsed.value("output"), *signed_document);
  if (!written) return reportFailure(err, "sign", written.error());
  err << "awardflow sign: " << parsed.value("output") << " signed by "
      << material->certificate.subject() << "\n";
  return kExitOk;
}

int runVerify(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  options.addOption(
      valueOption("trust", "t", "trust directory: anchors/, intermediates/, crls/, names/", "DIR"));
  options.addOption(
      valueOption("at", "",
                  "check certificates at this time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ; "
                  "default now)",
                  "TIME"));
  addReportOptions(options);
  options.addOption(
      Option("allow-sha1", "", "accept SHA-1 digests and signatures (legacy documents only)"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(
        out, options, "verify", "--trust DIR [--at TIME] [--format text|json] FILE...",
        "Verifies every XML signature of each FILE against the trust directory and reports, per "
        "signature, the signer, issuer, serial, algorithm, claimed signing time, certificate "
        "chain, "
        "verdict and reason. Exit status: 0 when every file has signatures and all are valid, 65 "
        "otherwise, 66 when a file cannot be read, 64 on usage errors, 78 when the trust directory "
        "cannot be loaded.");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, "verify", err);
  if (!style) return kExitUsage;
  if (!parsed.has("trust"))
    return usageError(err, "verify", "--trust is required", "cần có --trust");
  if (parsed.operands.empty())
    return usageError(err, "verify", "no file given", "chưa chỉ ra tệp nào");
  crypto::VerifyOptions verify;
  verify.allow_sha1 = parsed.has("allow-sha1");
  if (parsed.has("at")) {
    const auto at = service::parseUtcTime(parsed.value("at"));
    if (!at) {
      return usageError(err, "verify", "--at takes YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ",
                        "--at nhận YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM:SSZ");
    }
    verify.at = *at;
  }
  auto verifier = service::SignatureVerifier::open(parsed.value("trust"), verify);
  if (!verifier) return reportFailure(err, "verify", verifier.error());
  std::vector<service::FileSignatures> files;
  bool unreadable = false;
  bool invalid = false;
  for (const std::string& file : parsed.operands) {
    files.push_back(verifier->verifyFile(file));
    unreadable = unreadable || files.back().failure.has_value();
    invalid = invalid || !files.back().valid();
  }
  if (style->format == "json")
    writeSignaturesJson(out, files);
  else
    writeSignaturesText(out, files, style->lang);
  if (unreadable) return kExitNoInput;
  return invalid ? kExitData : kExitOk;
}

int runKeys(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string usage =
      "usage: awardflow keys init-ca|issue|crl [OPTIONS]\n"
      "  init-ca  make a demo certification authority (CA) key and certificate\n"
      "  issue    issue a signer's key and certificate (person or agency seal) under a CA\n"
      "  crl      write a certificate revocation list for a CA\n"
      "Real deployments use certificates from a licensed CA; see docs/signatures.md.\n";
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? err : out) << usage;
    return args.empty() ? kExitUsage : kExitOk;
  }
  const std::string& sub = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  Poco::Util::OptionSet options;
  options.addOption(valueOption("passphrase-file", "p",
                                "file whose first line protects the new private key", "FILE"));
  options.addOption(valueOption("algorithm", "",
                                "key algorithm: ec (P-256, default) or rsa (3072 for a CA, 2048 "
                                "for signers)",
                                "ALG"));
  options.addOption(valueOption("days", "", "validity in days", "N"));
  options.addOption(
      valueOption("subject", "s",
                  "distinguished name, e.g. \"CN=Nguyễn Văn An,O=UBND xã Sơn Tiến,C=VN\"", "DN"));
  if (sub != "init-ca") {
    options.addOption(valueOption("ca-cert", "", "the CA's certificate (PEM)", "FILE"));
    options.addOption(valueOption("ca-key", "", "the CA's encrypted private key (PEM)", "FILE"));
    options.addOption(
        valueOption("ca-passphrase-file", "", "file whose first line opens the CA key", "FILE"));
  }
  if (sub == "issue") {
    options.addOption(
        valueOption("kind", "", "person (a signer's own signature) or seal (an agency's)", "KIND"));
    options.addOption(
        valueOption("format", "f", "pem (PREFIX-key.pem, -cert.pem, -chain.pem) or p12", "FORMAT"));
  }
  options.addOption(valueOption("out", "o",
                                sub == "init-ca" ? "directory for ca-cert.pem and ca-key.pem"
                                : sub == "issue" ? "file prefix for the written files"
                                                 : "CRL file to write",
                                "PATH"));
  if (sub != "init-ca" && sub != "issue" && sub != "crl") {
    err << usage;
    return kExitUsage;
  }
  const ParsedArgs parsed = parseArgs(rest, options);
  if (parsed.help) {
    writeHelp(out, options, "keys " + sub,
              sub == "crl" ? "[OPTIONS] [REVOKED-CERT.pem...]" : "[OPTIONS]",
              sub == "init-ca"
                  ? "Makes a self-signed CA for demos and tests. The key is written encrypted."
              : sub == "issue"
                  ? "Issues a signing key and certificate under a CA. The key is written encrypted."
                  : "Writes a CRL of the CA listing the given certificates as revoked.");
    return kExitOk;
  }
  const std::string command = "keys " + sub;
  int days = 0;
  if (parsed.has("days")) {
    try {
      days = std::stoi(parsed.value("days"));
    } catch (const std::exception&) {
      days = 0;
    }
    if (days <= 0)
      return usageError(err, command, "--days takes a positive number", "--days nhận số dương");
  }
  const std::string algorithm = parsed.value("algorithm", "ec");
  if (algorithm != "ec" && algorithm != "rsa")
    return usageError(err, command, "--algorithm is ec or rsa", "--algorithm là ec hoặc rsa");
  const crypto::KeyType key_type = algorithm == "rsa" ? crypto::KeyType::Rsa : crypto::KeyType::Ec;
  if (!parsed.has("out")) return usageError(err, command, "--out is required", "cần có --out");

  auto pass = passphrase(parsed, "passphrase-file");
  if (!pass) return reportFailure(err, command, pass.error());
  auto ca_pass = passphrase(parsed, "ca-passphrase-file");
  if (!ca_pass) return reportFailure(err, command, ca_pass.error());

  core::Result<std::vector<std::filesystem::path>> written = std::vector<std::filesystem::path>{};
  if (sub == "init-ca") {
    if (!parsed.has("subject"))
      return usageError(err, command, "--subject is required", "cần có --subject");
    if (pass->empty())
      return usageError(err, command, "--passphrase-file is required", "cần có --passphrase-file");
    service::InitCaRequest request{parsed.value("subject"), key_type, days > 0 ? days : 10 * 365,
                                   *pass, parsed.value("out")};
    written = service::initCa(request);
  } else if (sub == "issue") {
    if (!parsed.has("subject") || !parsed.has("ca-cert") || !parsed.has("ca-key")) {
      return usageError(err, command, "--subject, --ca-cert and --ca-key are required",
                        "cần có --subject, --ca-cert và --ca-key");
    }
    if (pass->empty())
      return usageError(err, command, "--passphrase-file is required", "cần có --passphrase-file");
    const std::string kind = parsed.value("kind", "person");
    const std::string key_format = parsed.value("format", "pem");
    if (kind != "person" && kind != "seal")
      return usageError(err, command, "--kind is person or seal", "--kind là person hoặc seal");
    if (key_format != "pem" && key_format != "p12")
      return usageError(err, command, "--format is pem or p12", "--format là pem hoặc p12");
    service::IssueRequest request;
    request.ca_cert = parsed.value("ca-cert");
    request.ca_key = parsed.value("ca-key");
    request.ca_passphrase = *ca_pass;
    request.subject = parsed.value("subject");
    request.profile =
        kind == "seal" ? crypto::CertificateProfile::Seal : crypto::CertificateProfile::Person;
    request.algorithm = key_type;
    request.days = days > 0 ? days : 2 * 365;
    request.format = key_format == "p12" ? service::KeyFormat::Pkcs12 : service::KeyFormat::Pem;
    request.passphrase = *pass;
    request.out_prefix = parsed.value("out");
    written = service::issue(request);
  } else {
    if (!parsed.has("ca-cert") || !parsed.has("ca-key")) {
      return usageError(err, command, "--ca-cert and --ca-key are required",
                        "cần có --ca-cert và --ca-key");
    }
    service::CrlRequest request;
    request.ca_cert = parsed.value("ca-cert");
    request.ca_key = parsed.value("ca-key");
    request.ca_passphrase = *ca_pass;
    for (const std::string& f : parsed.operands) request.revoked.emplace_back(f);
    request.days = days > 0 ? days : 30;
    request.out = parsed.value("out");
    auto ok = service::makeCrl(request);
    if (!ok) return reportFailure(err, command, ok.error());
    written = std::vector<std::filesystem::path>{request.out};
  }
  if (!written) return reportFailure(err, command, written.error());
  for (const auto& file : *written) out << file.string() << "\n";
  return kExitOk;
}

}  // namespace awardflow::cli
