#pragma once

#include <filesystem>

#include "engine/core/report.hpp"
#include "engine/model/dossier.hpp"

namespace awardflow::dossier {

// Checks each document's attachment against the file of that name in `dir`: present, of the
// declared size and SHA-256, and a PDF when declared application/pdf (codes attachment.*).
// Names that are not bare file names are refused without touching the file system. Each file
// is read once, however many documents name it.
void checkAttachments(const model::Dossier& dossier, const std::filesystem::path& dir,
                      core::Report& report);

}  // namespace awardflow::dossier
