// The Store on PostgreSQL, selected by OpenStore() for a URL "postgresql://..."
// or "postgres://..." (libpq's connection URI).
#ifndef CROSSCHECK_STORE_PG_STORE_H_
#define CROSSCHECK_STORE_PG_STORE_H_

#include <memory>
#include <string>

#include "crosscheck/store.h"

namespace crosscheck::store {

// Whether `name` is a PostgreSQL connection URI rather than a file.
bool IsPostgresUrl(const std::string& name);

// The URI without its password, for messages.
std::string RedactedUrl(const std::string& url);

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const StoreOptions& options);

}  // namespace crosscheck::store

#endif  // CROSSCHECK_STORE_PG_STORE_H_
