#pragma once

// OpenSSL handles and helpers, private to engine/crypto.

#include <string>
#include <string_view>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "engine/core/c_handle.hpp"
#include "engine/core/error.hpp"

namespace awardflow::crypto::detail {

using Bio = core::CHandle<BIO, &BIO_free_all>;
using Pkey = core::CHandle<EVP_PKEY, &EVP_PKEY_free>;
using PkeyContext = core::CHandle<EVP_PKEY_CTX, &EVP_PKEY_CTX_free>;
using MdContext = core::CHandle<EVP_MD_CTX, &EVP_MD_CTX_free>;
using X509Handle = core::CHandle<X509, &X509_free>;
using X509CrlHandle = core::CHandle<X509_CRL, &X509_CRL_free>;
using X509Store = core::CHandle<X509_STORE, &X509_STORE_free>;
using X509StoreContext = core::CHandle<X509_STORE_CTX, &X509_STORE_CTX_free>;
using X509Name = core::CHandle<X509_NAME, &X509_NAME_free>;
using EcdsaSig = core::CHandle<ECDSA_SIG, &ECDSA_SIG_free>;
using Bignum = core::CHandle<BIGNUM, &BN_free>;
using Pkcs12 = core::CHandle<PKCS12, &PKCS12_free>;
using Asn1Time = core::CHandle<ASN1_TIME, &ASN1_TIME_free>;
using Asn1Integer = core::CHandle<ASN1_INTEGER, &ASN1_INTEGER_free>;

inline void freeX509Stack(STACK_OF(X509) * stack) { sk_X509_pop_free(stack, X509_free); }
inline void freeX509StackShallow(STACK_OF(X509) * stack) { sk_X509_free(stack); }
// Owns the stack and its certificates.
using X509Stack = core::CHandle<STACK_OF(X509), &freeX509Stack>;
// Owns the stack only; the certificates are borrowed.
using X509StackView = core::CHandle<STACK_OF(X509), &freeX509StackShallow>;

// A memory BIO reading `bytes` (not copied: `bytes` must outlive it).
Bio readBio(std::string_view bytes);
// The contents written so far to a memory BIO.
std::string bioContents(BIO* bio);
// The queued OpenSSL errors as one line (and clears the queue); "" when none.
std::string opensslErrors();
// Errc::Invalid (or `code`) with `what` and OpenSSL's reasons appended.
core::Unexpected failWithOpenssl(core::Errc code, const std::string& what);

}  // namespace awardflow::crypto::detail
