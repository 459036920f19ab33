// Public comments on nominee lists posted for comment (WorkflowStore, see workflow_store.hpp).

#include "engine/store/detail/database_impl.hpp"
#include "engine/store/detail/sqlite_step.hpp"
#include "engine/store/workflow_store.hpp"

namespace awardflow::store {

core::Result<std::int64_t> WorkflowStore::addCommentIn(DatabaseImpl& tx,
                                                       const model::PublicComment& c) {
  Step insert(tx.statements,
              "INSERT INTO public_comments (dossier_id, at, author, contact, body) VALUES "
              "(?, ?, ?, ?, ?)");
  insert.bind(1, c.dossier_id).bind(2, c.at).bind(3, c.author).bind(4, c.contact).bind(5, c.text);
  insert.run();
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(tx.statements.db()));
}

core::Result<void> WorkflowStore::resolveCommentIn(DatabaseImpl& tx, const std::string& dossier_id,
                                                   std::int64_t id, const std::string& resolution,
                                                   const std::string& by, const std::string& at) {
  Step select(tx.statements,
              "SELECT resolution IS NOT NULL FROM public_comments WHERE id = ? AND dossier_id = ?");
  select.bind(1, id).bind(2, dossier_id);
  if (!select.row()) {
    return core::fail(core::Errc::NotFound,
                      "no comment " + std::to_string(id) + " on dossier " + dossier_id,
                      {"không có góp ý số " + std::to_string(id) + " của hồ sơ " + dossier_id});
  }
  if (select.integer(0) != 0) {
    return core::fail(core::Errc::Conflict,
                      "comment " + std::to_string(id) + " is resolved already",
                      {"góp ý số " + std::to_string(id) + " đã được giải quyết"});
  }
  Step update(tx.statements,
              "UPDATE public_comments SET resolution = ?, resolved_by = ?, resolved_at = ? "
              "WHERE id = ?");
  update.bind(1, resolution).bind(2, by).bind(3, at).bind(4, id);
  update.run();
  return {};
}

core::Result<std::int64_t> WorkflowStore::commentCountIn(DatabaseImpl& tx,
                                                         const std::string& dossier_id) {
  Step count(tx.statements, "SELECT COUNT(*) FROM public_comments WHERE dossier_id = ?");
  count.bind(1, dossier_id);
  return count.row() ? count.integer(0) : 0;
}

core::Result<std::vector<model::PublicComment>> WorkflowStore::comments(
    const std::string& dossier_id) const {
  return locked(
      database_, [&](DatabaseImpl& db) -> core::Result<std::vector<model::PublicComment>> {
        Step rows(db.statements,
                  "SELECT id, at, author, contact, body, resolution, resolved_by, resolved_at "
                  "FROM public_comments WHERE dossier_id = ? ORDER BY id");
        rows.bind(1, dossier_id);
        std::vector<model::PublicComment> out;
        while (rows.row()) {
          model::PublicComment c;
          c.id = rows.integer(0);
          c.dossier_id = dossier_id;
          c.at = rows.text(1);
          c.author = rows.text(2);
          c.contact = rows.text(3);
          c.text = rows.text(4);
          if (!rows.isNull(5)) c.resolution = rows.text(5);
          c.resolved_by = rows.text(6);
          c.resolved_at = rows.text(7);
          out.push_back(std::move(c));
        }
        return out;
      });
}

}  // namespace awardflow::store
