#pragma once

#include <memory>

namespace awardflow::core {

// Owning handle for a C object freed by `Free`: CHandle<xmlDoc, &xmlFreeDoc>. Pointer-wide
// (the deleter is empty). Each module aliases the handles of the C library it owns, privately.
template <typename T, auto Free>
struct CDeleter {
  void operator()(T* pointer) const noexcept {
    if (pointer != nullptr) Free(pointer);
  }
};

template <typename T, auto Free>
using CHandle = std::unique_ptr<T, CDeleter<T, Free>>;

}  // namespace awardflow::core
