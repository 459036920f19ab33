#include "engine/http/detail/page_kit.hpp"

#include <memory>

#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

namespace awardflow::http::detail {

// Every text of the pages, Vietnamese and English.
const std::map<std::string, std::pair<std::string, std::string>>& texts() {
  static const std::map<std::string, std::pair<std::string, std::string>> kTexts{
      {"skip", {"Chuyển đến nội dung chính", "Skip to the main content"}},
      {"menu", {"Trình đơn", "Menu"}},
      {"home", {"Trang chủ", "Home"}},
      {"dossiers", {"Hồ sơ", "Dossiers"}},
      {"signOut", {"Đăng xuất", "Sign out"}},
      {"signIn", {"Đăng nhập", "Sign in"}},
      {"signInTitle", {"Đăng nhập awardflow", "Sign in to awardflow"}},
      {"login", {"Tên đăng nhập", "Login"}},
      {"password", {"Mật khẩu", "Password"}},
      {"footer",
       {"awardflow — số hóa hồ sơ thi đua, khen thưởng (Chỉ thị 03/CT-UBND)",
        "awardflow — digital commendation dossiers (Directive 03/CT-UBND)"}},
      {"welcome", {"Xin chào", "Welcome"}},
      {"queue", {"Việc cần làm", "Your work queue"}},
      {"nextPage", {"Trang sau", "Next page"}},
      {"wholeQueue", {"Xem toàn bộ việc cần làm", "The whole work queue"}},
      {"queueEmpty", {"Không có hồ sơ nào chờ bạn xử lý.", "No dossier is waiting for you."}},
      {"byState", {"Hồ sơ theo trạng thái", "Dossiers by state"}},
      {"state", {"Trạng thái", "State"}},
      {"count", {"Số hồ sơ", "Dossiers"}},
      {"noDossiers", {"Chưa có hồ sơ nào.", "No dossiers yet."}},
      {"code", {"Mã hồ sơ", "Tracking code"}},
      {"title", {"Trích yếu", "Title"}},
      {"unit", {"Đơn vị", "Unit"}},
      {"due", {"Hạn", "Due"}},
      {"procedure", {"Thủ tục", "Procedure"}},
      {"submitted", {"Nộp lúc", "Submitted"}},
      {"deficiencies", {"Yêu cầu bổ sung", "Deficiencies to complete"}},
      {"outgoingPackage",
       {"Tải gói tờ trình cấp trên (.zip)", "Download the proposal package (.zip)"}},
      {"outgoingPackageHelp",
       {"Tờ trình, biên bản kiểm phiếu, hồ sơ và bản quét, kèm danh mục có chữ ký số của cơ quan",
        "The proposal, tally, dossier and scans, with a manifest signed by the agency"}},
      {"forwardedAs",
       {"Đã trình lên cấp trên, hồ sơ tại cấp trên:", "Forwarded upward; the dossier above is"}},
      {"arrivedFrom",
       {"Tờ trình của cấp dưới, chuyển lên từ hồ sơ:", "Proposal forwarded from the dossier"}},
      {"files", {"Tệp của hồ sơ", "Files"}},
      {"revision", {"lần nộp", "revision"}},
      {"pages", {"trang", "pages"}},
      {"documents", {"Văn bản đã ký", "Signed documents"}},
      {"none", {"Chưa có.", "None yet."}},
      {"timeline", {"Quá trình xử lý", "Timeline"}},
      {"backHome", {"Về trang chủ", "Back to the home page"}},
      {"profile", {"Thông tin cá nhân", "Profile"}},
      {"fullName", {"Họ và tên", "Full name"}},
      {"role", {"Vai trò", "Role"}},
      {"workingDaysLeft", {"ngày làm việc còn lại", "working days left"}},
      {"actions", {"Xử lý hồ sơ", "Act on the dossier"}},
      {"deficiencyItems",
       {"Danh sách cần bổ sung (mỗi dòng một mục, nêu đầy đủ một lần)",
        "What to complete (one item per line, all of it at once)"}},
      {"session", {"Phiên họp Hội đồng", "Council session"}},
      {"reason", {"Lý do", "Reason"}},
      {"commentOptional", {"Ghi chú (không bắt buộc)", "Note (optional)"}},
      {"signingPin", {"Mã PIN khóa ký số của bạn", "Your signing key's PIN"}},
      {"ballot", {"Biểu quyết", "Ballot"}},
      {"yourVote", {"Ý kiến của bạn", "Your vote"}},
      {"secret", {"bỏ phiếu kín: không ai biết bạn chọn gì", "secret: nobody learns your choice"}},
      {"approve", {"Đồng ý", "Approve"}},
      {"reject", {"Không đồng ý", "Reject"}},
      {"abstain", {"Không biểu quyết", "Abstain"}},
      {"castBallot", {"Gửi phiếu", "Cast the ballot"}},
      {"done", {"Đã thực hiện", "Done"}},
      {"voted", {"Đã ghi nhận phiếu của bạn.", "Your ballot is recorded."}},
      {"archive", {"Kho lưu trữ", "Archive"}},
      {"newDossier", {"Lập hồ sơ đề nghị khen thưởng", "New nomination dossier"}},
      {"formHelp",
       {"Điền biểu mẫu, chọn bản quét PDF cho từng văn bản, bấm Kiểm tra để xem lỗi bên cạnh từng "
        "ô; khi không còn lỗi, nhập mã PIN và Nộp hồ sơ: hồ sơ được ký bằng khóa của bạn.",
        "Fill in the form, choose the PDF scan of each document, press Check to see problems "
        "beside each field; when none is left, enter your PIN and Submit: the dossier is signed "
        "with your key."}},
      {"signAndSubmit", {"Ký số và nộp", "Sign and submit"}},
      {"check", {"Kiểm tra", "Check"}},
      {"nominee", {"Thêm đối tượng", "Add a nominee"}},
      {"document", {"Thêm văn bản", "Add a document"}},
      {"submitDossier", {"Nộp hồ sơ", "Submit the dossier"}},
      {"uploaded", {"đã tải lên", "uploaded"}},
      {"uploadDossier", {"Nộp hồ sơ XML đã ký", "Upload a signed XML dossier"}},
      {"uploadHelp",
       {"Nếu đơn vị đã lập và ký số hồ sơ XML bằng công cụ khác: chọn tệp XML và các bản quét PDF "
        "mà hồ sơ nêu tên.",
        "If the unit made and signed the XML dossier with other tools: choose the XML file and "
        "the PDF scans it names."}},
      {"signedXml", {"Tệp hồ sơ XML đã ký số", "The signed XML dossier"}},
      {"scans", {"Các bản quét PDF", "The PDF scans"}},
      {"printReceipt", {"In giấy tiếp nhận", "Print the receipt"}},
      {"printDecision", {"In quyết định và danh sách", "Print the decision and its list"}},
      {"printCertificates", {"In giấy khen, giấy chứng nhận", "Print the certificates"}},
      {"searchText",
       {"Tìm theo tên, đơn vị, trích yếu, số quyết định…",
        "Search names, units, titles, decision numbers…"}},
      {"searchHint",
       {"vd. nguyen thi lan anh (không cần dấu)", "e.g. nguyen thi lan anh (no tones needed)"}},
      {"year", {"Năm", "Year"}},
      {"unitCode", {"Mã đơn vị", "Unit code"}},
      {"awardForm", {"Hình thức khen thưởng", "Award form"}},
      {"search", {"Tìm kiếm", "Search"}},
      {"fileCode", {"Mã hồ sơ lưu trữ", "File code"}},
      {"decisionNumber", {"Số quyết định", "Decision number"}},
      {"retention", {"Thời hạn bảo quản", "Retention"}},
      {"noRecords", {"Không tìm thấy hồ sơ nào.", "No record found."}},
      {"nextPage", {"Trang sau", "Next page"}},
      {"nominees", {"Đối tượng", "Nominees"}},
      {"dates", {"Thời gian", "Dates"}},
      {"totals", {"Số văn bản / số trang", "Documents / pages"}},
      {"disposableFrom", {"được hủy từ", "disposable from"}},
      {"transferDue", {"nộp lưu lịch sử", "transfer due"}},
      {"sealed", {"Niêm phong", "Sealed"}},
      {"legalHold", {"Đang giữ", "Legal hold"}},
      {"disposed", {"Đã hủy (chỉ còn thông tin mô tả)", "Disposed (metadata only)"}},
      {"verify", {"Kiểm tra gói lưu trữ", "Verify the package"}},
      {"downloadPackage", {"Tải gói lưu trữ (zip)", "Download the package (zip)"}},
      {"resubmitDossier", {"Bổ sung và nộp lại hồ sơ", "Complete and resubmit the dossier"}},
      {"resubmitHelp",
       {"Biểu mẫu được điền sẵn từ lần nộp trước cùng các bản quét; sửa, thêm văn bản còn thiếu "
        "rồi "
        "ký số và nộp lại.",
        "The form is filled in from the last revision with its scans; correct it, add what is "
        "missing, then sign and resubmit."}},
      {"checklist", {"Kiểm tra thành phần hồ sơ", "Completeness checklist"}},
      {"part", {"Thành phần", "Part"}},
      {"needed", {"Cần", "Needed"}},
      {"found", {"Có", "Found"}},
      {"missing", {"còn thiếu", "missing"}},
      {"postedPublicly", {"Công khai lấy ý kiến", "Posted for public comment"}},
      {"publicPage", {"Trang công khai", "Public page"}},
      {"opinions", {"Ý kiến của cơ quan liên quan", "Opinions of other agencies"}},
      {"askedOn", {"xin ý kiến lúc", "asked"}},
      {"receivedOn", {"nhận lúc", "received"}},
      {"awaited", {"đang chờ", "awaited"}},
      {"agencyAsked", {"Cơ quan được xin ý kiến", "Agency to ask"}},
      {"askOpinion", {"Xin ý kiến", "Ask for the opinion"}},
      {"opinionOf", {"Ý kiến của", "Opinion of"}},
      {"opinionText", {"Nội dung ý kiến", "The opinion"}},
      {"recordOpinion", {"Ghi nhận ý kiến", "Record the opinion"}},
      {"publicComments", {"Góp ý của nhân dân", "Public comments"}},
      {"resolution", {"Kết quả giải quyết", "Resolution"}},
      {"resolve", {"Trả lời góp ý", "Answer the comment"}},
      {"readHere", {"Xem bản quét tại đây", "Read the scan here"}},
      {"fileUnusable", {"tệp bị mất hoặc hỏng trong kho", "missing or damaged in the store"}},
      {"unusableFiles",
       {"Một số tệp của hồ sơ bị mất hoặc hỏng trong kho lưu trữ. Đơn vị cần gửi lại tệp gốc; "
        "quản trị viên chạy “awardflow audit files” để xem chi tiết.",
        "Some of this dossier's files are missing or damaged in the store. The unit should send "
        "the original files again; an administrator runs “awardflow audit files” for details."}},
      {"saved", {"Đã lưu", "Saved"}},
      {"council", {"Hội đồng Thi đua – Khen thưởng", "Emulation–Commendation Council"}},
      {"sessions", {"Các phiên họp", "Sessions"}},
      {"sessionOpen", {"đang mở", "open"}},
      {"sessionClosed", {"đã kết thúc", "closed"}},
      {"openSession", {"Chuẩn bị phiên họp", "Prepare a session"}},
      {"sessionTitle", {"Tên phiên họp", "Session title"}},
      {"meetsOn", {"Ngày họp", "Meets on"}},
      {"members", {"Thành viên", "Members"}},
      {"openedBy", {"Người chuẩn bị", "Prepared by"}},
      {"agenda", {"Chương trình: hồ sơ trình Hội đồng", "Agenda: dossiers before the council"}},
      {"agendaEmpty",
       {"Chưa có hồ sơ nào được trình phiên họp này.", "No dossier is before this session yet."}},
      {"ballotOpen", {"Đang bỏ phiếu", "Ballot open"}},
      {"recordedSoFar", {"đã bỏ phiếu", "recorded so far"}},
      {"secretBallot", {"bỏ phiếu kín", "secret ballot"}},
      {"openBallot", {"biểu quyết công khai", "open vote"}},
      {"tally", {"Kết quả kiểm phiếu", "Tally"}},
      {"tallyDocument", {"Biên bản kiểm phiếu đã ký", "The signed tally"}},
      {"takingPart", {"Tham gia biểu quyết", "Taking part"}},
      {"inWriting", {"bằng văn bản", "in writing"}},
      {"recused", {"Không tham gia (xung đột lợi ích)", "Recused"}},
      {"votePassed", {"Đạt", "Passed"}},
      {"voteFailed", {"Không đạt", "Not passed"}},
      {"closeSession", {"Kết thúc phiên họp", "Close the session"}},
      {"closeBallotsFirst",
       {"Còn phiếu đang mở: hãy kết thúc biểu quyết từng hồ sơ trước.",
        "Ballots are still open: close the vote on each dossier first."}},
      {"decisionQueue", {"Hồ sơ chờ quyết định", "Decision queue"}},
      {"overdue", {"Hồ sơ quá hạn", "Overdue dossiers"}},
      {"asOf", {"Tính đến ngày", "As of"}},
      {"daysLate", {"Số ngày làm việc quá hạn", "Working days late"}},
      {"escalateTo", {"Báo cáo", "Escalated to"}},
      {"noneOverdue", {"Không có hồ sơ nào quá hạn.", "No dossier is overdue."}},
      {"publicTitle", {"Công khai khen thưởng", "Commendation made public"}},
      {"publicHelp",
       {"Danh sách đề nghị khen thưởng đang lấy ý kiến nhân dân và các quyết định đã ban hành.",
        "Nominee lists open for public comment, and the decisions issued."}},
      {"postedLists", {"Danh sách đang lấy ý kiến", "Lists open for comment"}},
      {"noNotices",
       {"Hiện không có danh sách nào đang lấy ý kiến.", "No list is open for comment now."}},
      {"nomineesCount", {"đối tượng", "nominees"}},
      {"commentsUntil", {"nhận góp ý đến hết ngày", "comments until"}},
      {"issuedDecisions", {"Quyết định khen thưởng đã ban hành", "Decisions issued"}},
      {"issuedOn", {"Ngày ban hành", "Issued on"}},
      {"commentInvite",
       {"Mọi người có thể góp ý về các đối tượng dưới đây.",
        "Anyone may comment on the nominees below."}},
      {"position", {"Chức vụ", "Position"}},
      {"worksAt", {"Đơn vị, địa chỉ", "Works at / address"}},
      {"achievements", {"Thành tích", "Achievements"}},
      {"sendComment", {"Gửi góp ý", "Send a comment"}},
      {"commentSent",
       {"Đã nhận góp ý của bạn; cơ quan thường trực sẽ xem xét và trả lời.",
        "Your comment is received; the standing office will consider and answer it."}},
      {"yourName", {"Họ và tên của bạn", "Your name"}},
      {"yourContact",
       {"Điện thoại hoặc thư điện tử (không bắt buộc, không công khai)",
        "Phone or e-mail (optional, not made public)"}},
      {"commentText", {"Nội dung góp ý", "Your comment"}},
      {"admin", {"Quản trị", "Administration"}},
      {"users", {"Người dùng", "Users"}},
      {"units", {"Đơn vị", "Units"}},
      {"active", {"Hoạt động", "Active"}},
      {"yes", {"có", "yes"}},
      {"no", {"không", "no"}},
      {"addUser", {"Thêm người dùng", "Add a user"}},
      {"addUnit", {"Thêm đơn vị", "Add a unit"}},
      {"unitForClerks",
       {"Đơn vị (cho cán bộ đơn vị đề nghị)", "Unit (for a submitting unit's clerk)"}},
      {"initialPassword",
       {"Mật khẩu ban đầu (ít nhất 10 ký tự)", "Initial password (10+ characters)"}},
      {"level", {"Cấp", "Level"}},
      {"authorities", {"Cơ quan có thẩm quyền khen thưởng", "Authorities that award"}},
      {"authority", {"Cơ quan", "Authority"}},
      {"authorityCode",
       {"Mã cơ quan (như bộ quy tắc ghi)", "Authority code (as rulebooks name it)"}},
      {"authorityParent", {"Trực thuộc", "Under"}},
      {"authorityState", {"Tình trạng", "State"}},
      {"authorityActive", {"đang hoạt động", "active"}},
      {"authorityEnded", {"đã giải thể, hồ sơ do %s kế thừa", "ended; records held by %s"}},
      {"addAuthority", {"Thêm cơ quan", "Add an authority"}},
      {"wholeInstallation", {"(toàn hệ thống)", "(the whole installation)"}},
      {"unitParent", {"Đơn vị cấp trên", "Unit above"}},
      {"keys", {"Chứng thư số", "Certificates"}},
      {"certKind", {"Loại", "Kind"}},
      {"cert-anchor", {"Tổ chức chứng thực gốc", "Trust anchor"}},
      {"cert-intermediate", {"Tổ chức chứng thực trung gian", "Intermediate CA"}},
      {"cert-agency", {"Con dấu số của hệ thống", "The installation's seal"}},
      {"cert-seal", {"Con dấu số của cơ quan có thẩm quyền", "An authority's seal"}},
      {"cert-user", {"Người dùng", "User"}},
      {"owner", {"Của", "Owner"}},
      {"subject", {"Chủ thể", "Subject"}},
      {"issuer", {"Cấp bởi", "Issuer"}},
      {"serial", {"Số hiệu", "Serial"}},
      {"validity", {"Hiệu lực", "Valid"}},
      {"expired", {"hết hạn", "expired"}},
      {"unreadable", {"không đọc được", "unreadable"}},
      {"rulebooks", {"Bộ quy tắc và quy trình", "Rulebooks and procedures"}},
      {"rulebooksHelp",
       {"Chỉ xem: quy trình được định nghĩa bằng dữ liệu trong thư mục workflows/.",
        "Read-only: procedures are defined as data in workflows/."}},
      {"inForce", {"hiệu lực từ", "in force from"}},
      {"procedures", {"Thủ tục", "Procedures"}},
      {"decidedBy", {"Thẩm quyền quyết định", "Decided by"}},
      {"variants", {"Hình thức xét", "Variants"}},
      {"workingDays", {" ngày làm việc", " working days"}},
      {"days", {" ngày", " days"}},
      {"vote", {"biểu quyết", "vote"}},
      {"lifecycle", {"Quy trình", "Lifecycle"}},
      {"action", {"Thao tác", "Action"}},
      {"fromState", {"Từ", "From"}},
      {"toState", {"Đến", "To"}},
      {"guards", {"Điều kiện", "Conditions"}},
      {"effects", {"Kết quả", "Effects"}},
      {"fixity", {"Kiểm tra tính toàn vẹn", "Fixity report"}},
      {"intact", {"nguyên vẹn", "intact"}},
      {"damaged", {"bị hỏng", "damaged"}},
      {"missingPackage", {"mất gói", "missing"}},
      {"auditDone", {"Đã kiểm tra xong", "Audit finished"}},
      {"auditHelp",
       {"Tính lại mọi tổng kiểm của mọi gói lưu trữ; có thể mất vài phút với kho lớn.",
        "Recomputes every checksum of every package; may take minutes on a large archive."}},
      {"runAudit", {"Kiểm tra ngay", "Run the audit now"}},
      {"auditRunning", {"Đang kiểm tra, xin chờ…", "Checking, please wait…"}},
      {"checkedAt", {"Kiểm tra lúc", "Checked at"}},
      {"outcome", {"Kết quả", "Outcome"}},
      {"details", {"Chi tiết", "Details"}},
      {"noChecks", {"Chưa có lần kiểm tra nào.", "No check has run yet."}},
      {"dueRecords", {"Hồ sơ đến hạn nộp lưu, hủy", "Records falling due"}},
      {"withinDays", {"Trong số ngày tới", "Within days"}},
      {"show", {"Xem", "Show"}},
      {"noneDue", {"Không có hồ sơ nào đến hạn.", "No record falls due."}},
      {"public", {"Công khai", "Public"}},
      {"reports", {"Báo cáo thi đua, khen thưởng", "Commendation reports"}},
      {"navReports", {"Báo cáo", "Reports"}},
      {"navCouncil", {"Hội đồng", "Council"}},
      {"navOverdue", {"Quá hạn", "Overdue"}},
      {"reportTitle", {"Báo cáo công tác thi đua, khen thưởng năm", "Commendation report"}},
      {"period", {"Kỳ báo cáo", "Period"}},
      {"wholeYear", {"Cả năm", "The whole year"}},
      {"wave1", {"Đợt 1", "Wave 1"}},
      {"wave2", {"Đợt 2", "Wave 2"}},
      {"annualAwards", {"Khen thưởng tổng kết năm", "Annual awards"}},
      {"campaign", {"Chuyên đề", "Campaign"}},
      {"downloadCsv", {"Tải CSV", "Download CSV"}},
      {"printView", {"Bản in", "Print view"}},
      {"statistics", {"Biểu 0602.N: số lượng khen thưởng", "Form 0602.N: commendation counts"}},
      {"statisticsHelp",
       {"Biểu thống kê số lượng khen thưởng hằng năm (Biểu 0602.N/BNV-TĐKT, Thông tư "
        "02/2023/TT-BNV) "
        "theo cách chúng tôi đọc: hãy đối chiếu các cột với mẫu biểu hiện hành trước khi gửi.",
        "The annual table of commendation counts (Biểu 0602.N/BNV-TĐKT, Circular 02/2023/TT-BNV) "
        "as "
        "we read it: check the columns against the form in force before sending."}},
      {"noReportData", {"Không có hồ sơ nào trong kỳ này.", "No dossier in this period."}},
      {"summary", {"Tổng hợp", "Summary"}},
      {"dossiersReceived", {"Hồ sơ tiếp nhận", "Dossiers received"}},
      {"returnedForCompletion", {"Trả lại bổ sung", "Returned"}},
      {"approvedShort", {"Được khen thưởng", "Approved"}},
      {"refusedShort", {"Không khen thưởng", "Refused"}},
      {"pendingShort", {"Đang giải quyết", "Pending"}},
      {"otherShort", {"Khác (rút, trình cấp trên)", "Other (withdrawn, forwarded)"}},
      {"overdueShort", {"quá hạn", "overdue"}},
      {"awards", {"Số được khen thưởng", "Awards"}},
      {"individualsShort", {"cá nhân", "individuals"}},
      {"collectivesShort", {"tập thể", "collectives"}},
      {"familiesShort", {"hộ gia đình", "families"}},
      {"womenShort", {"nữ", "women"}},
      {"directShare", {"Tỷ lệ người lao động trực tiếp", "Direct-labourer share"}},
      {"target", {"chỉ tiêu", "target"}},
      {"targetShort", {"chỉ tiêu", "target"}},
      {"targetMet", {"đạt", "met"}},
      {"targetNotMet", {"chưa đạt", "not met"}},
      {"womenShare", {"Tỷ lệ nữ", "Share of women"}},
      {"processingTime", {"Thời gian giải quyết", "Processing time"}},
      {"median", {"trung vị", "median"}},
      {"lateShort", {"trễ hạn", "late"}},
      {"charts", {"Biểu đồ", "Charts"}},
      {"chartDossiers", {"Hồ sơ theo đơn vị", "Dossiers by unit"}},
      {"chartAwards", {"Số được khen thưởng theo hình thức", "Awards by form"}},
      {"chartDirect",
       {"Tỷ lệ người lao động trực tiếp theo đơn vị", "Direct-labourer share by unit"}},
      {"byUnit", {"Theo đơn vị", "By unit"}},
      {"byAwardForm", {"Theo hình thức khen thưởng", "By award form"}},
      {"byLevel", {"Theo cấp", "By level"}},
      {"grandTotal", {"Tổng số", "Total"}},
      {"total", {"Tổng", "Total"}},
      {"ofWhichWomen", {"trong đó: nữ", "of which women"}},
      {"ofWhichDirect", {"trong đó: người lao động trực tiếp", "of which direct labourers"}},
      {"emulation", {"Cụm, khối thi đua và chấm điểm", "Emulation clusters, blocks and scores"}},
      {"navScores", {"Chấm điểm thi đua", "Scoring"}},
      {"criteriaSets", {"Bộ tiêu chí chấm điểm", "Criteria sets"}},
      {"groups", {"Cụm, khối thi đua", "Clusters and blocks"}},
      {"group", {"Cụm, khối", "Group"}},
      {"groupName", {"Tên cụm, khối", "Group's name"}},
      {"kind", {"Loại", "Kind"}},
      {"cluster", {"cụm thi đua", "cluster"}},
      {"block", {"khối thi đua", "block"}},
      {"criteriaCount", {"Số tiêu chí", "Criteria"}},
      {"scoringOpen", {"đang chấm điểm", "scoring open"}},
      {"scoringClosed", {"đã khóa sổ", "closed"}},
      {"defineGroup", {"Lập cụm, khối thi đua", "Define a cluster or block"}},
      {"defineSet", {"Lập bộ tiêu chí", "Define a criteria set"}},
      {"criteriaLines",
       {"Tiêu chí, mỗi dòng: mã | tên | điểm tối đa | hệ số",
        "Criteria, one per line: code | title | most points | weight"}},
      {"mostPoints", {"Điểm tối đa", "Most points"}},
      {"criterionCode", {"Mã", "Code"}},
      {"criterion", {"Tiêu chí", "Criterion"}},
      {"weight", {"Hệ số", "Weight"}},
      {"standings", {"Kết quả chấm điểm", "Standings"}},
      {"rank", {"Xếp hạng", "Rank"}},
      {"scorers", {"Số người chấm", "Scorers"}},
      {"scoreTotals", {"Tổng điểm theo đơn vị", "Totals by unit"}},
      {"proposal", {"Đề nghị cấp trên khen thưởng", "Proposed upward"}},
      {"tieProposal",
       {"Bằng điểm dẫn đầu, Hội đồng quyết định đơn vị được đề nghị",
        "Tied for the lead: the council decides which is proposed"}},
      {"incompleteScores",
       {"Chưa đủ điểm: có đơn vị chưa được chấm ở một số tiêu chí.",
        "Not complete: some units have no score on some criteria."}},
      {"yourSheet", {"Phiếu chấm điểm của bạn", "Your scoring sheet"}},
      {"saveScores", {"Lưu điểm", "Save the scores"}},
      {"scoresSaved", {"Đã lưu điểm của bạn.", "Your scores are saved."}},
      {"closeScoring", {"Khóa sổ chấm điểm", "Close the scoring"}},
      {"closeHelp",
       {"Khóa sổ ghi lại kết quả xếp hạng và đề nghị vào nhật ký; sau đó không chấm thêm được.",
        "Closing records the standings and the proposal in the audit chain; no more scores "
        "after."}},
      {"signaturesVerdicts", {"Chữ ký số và kết quả kiểm tra", "Signatures and their verdicts"}},
      {"working", {"Đang xử lý, xin chờ…", "Working, please wait…"}},
      {"deactivate", {"Khóa", "Deactivate"}},
      {"reactivate", {"Mở khóa", "Reactivate"}},
      {"contents",
       {"Thành phần hồ sơ (theo thứ tự thời gian)", "Contents (in chronological order)"}},
  };
  return kTexts;
}

std::string text(const std::string& key, const std::string& lang) {
  const auto it = texts().find(key);
  if (it == texts().end()) return key;
  return lang == "en" ? it->second.second : it->second.first;
}

// What an event of the history is called.
std::string eventLabel(const std::string& kind, const std::string& lang) {
  static const std::map<std::string, std::pair<std::string, std::string>> kKinds{
      {"dossier.submitted", {"Nộp hồ sơ", "Submitted"}},
      {"dossier.receive", {"Tiếp nhận", "Received"}},
      {"dossier.return", {"Trả lại, yêu cầu bổ sung", "Returned for completion"}},
      {"dossier.resubmit", {"Nộp bổ sung", "Resubmitted"}},
      {"dossier.start-appraisal", {"Bắt đầu thẩm định", "Appraisal started"}},
      {"dossier.send-to-council", {"Trình Hội đồng", "Sent to the council"}},
      {"dossier.close-vote", {"Kết thúc biểu quyết", "Vote closed"}},
      {"dossier.approve", {"Phê duyệt", "Approved"}},
      {"dossier.reject", {"Không phê duyệt", "Not approved"}},
      {"dossier.issue", {"Ban hành quyết định", "Decision issued"}},
      {"dossier.seal", {"Niêm phong lưu trữ", "Sealed for the archive"}},
      {"dossier.revoke", {"Thu hồi", "Revoked"}},
      {"ballot.cast", {"Phiếu biểu quyết", "Ballot cast"}},
      {"deadline.escalated", {"Báo quá hạn", "Overdue escalated"}},
      {"dossier.withdraw", {"Rút hồ sơ", "Withdrawn"}},
      {"dossier.post-publicly", {"Công khai danh sách", "Posted publicly"}},
      {"dossier.close-vote-and-post",
       {"Kết thúc biểu quyết, công khai danh sách", "Vote closed, posted publicly"}},
      {"dossier.close-vote-failed",
       {"Kết thúc biểu quyết: không đủ tỷ lệ", "Vote closed: not carried"}},
      {"dossier.end-publication", {"Kết thúc công khai", "Public posting ended"}},
      {"dossier.submit-for-decision", {"Trình Chủ tịch quyết định", "Submitted for decision"}},
      {"dossier.forward", {"Trình cấp trên", "Forwarded upward"}},
      {"dossier.decline", {"Không đề nghị", "Not proposed"}},
      {"dossier.resubmit-above",
       {"Bổ sung theo yêu cầu của cấp trên", "Completed for the level above"}},
      {"dossier.answered-above", {"Cấp trên trả lời", "Answered by the level above"}},
      {"opinion.requested", {"Xin ý kiến cơ quan liên quan", "Opinion asked"}},
      {"opinion.received", {"Nhận ý kiến cơ quan liên quan", "Opinion received"}},
      {"comment.received", {"Góp ý của nhân dân", "Public comment"}},
      {"comment.resolved", {"Trả lời góp ý", "Comment answered"}},
  };
  const auto it = kKinds.find(kind);
  if (it == kKinds.end()) return kind;
  return lang == "en" ? it->second.second : it->second.first;
}

std::string allowedActions(const std::vector<workflow::Choice>& choices, const std::string& lang) {
  std::string actions;
  for (const workflow::Choice& choice : choices) {
    if (!choice.allowed()) continue;
    const auto& label = choice.action->label;
    actions +=
        (actions.empty() ? "" : ", ") + (lang == "en" && !label.en.empty() ? label.en : label.vi);
  }
  return actions;
}

std::string documentLabel(const std::string& kind, const std::string& lang) {
  static const std::map<std::string, std::pair<std::string, std::string>> kKinds{
      {"receipt", {"Phiếu tiếp nhận", "Receipt"}},
      {"deficiency-notice", {"Thông báo bổ sung", "Deficiency notice"}},
      {"tally", {"Biên bản kiểm phiếu", "Tally"}},
      {"decision", {"Quyết định khen thưởng", "Decision"}},
      {"proposal", {"Tờ trình đề nghị", "Upward proposal"}},
      {"revocation", {"Quyết định thu hồi", "Revocation"}},
      {"decision-above", {"Quyết định khen thưởng của cấp trên", "Decision of the level above"}},
      {"deficiency-notice-above",
       {"Thông báo bổ sung của cấp trên", "Deficiency notice of the level above"}},
  };
  const auto it = kKinds.find(kind);
  if (it == kKinds.end()) return kind;
  return lang == "en" ? it->second.second : it->second.first;
}

// A page form whose CSRF token is not the session's: reloading the page gives a fresh one.
core::Error staleForm() {
  return {core::Errc::PermissionDenied,
          "the form is stale or not ours: reload the page",
          {"biểu mẫu đã cũ hoặc không hợp lệ: hãy tải lại trang"}};
}

core::Error unreadableForm() {
  return {core::Errc::Malformed, "the form could not be read", {"không đọc được biểu mẫu"}};
}

std::string cookie(const Exchange& x, const std::string& name) {
  Poco::Net::NameValueCollection cookies;
  x.request.getCookies(cookies);
  return cookies.get(name, "");
}

// The page language: ?lang= (remembered in a cookie), the cookie, else Vietnamese — the pages
// are Vietnamese first, whatever language the browser itself is set to.
std::string pageLang(Exchange& x) {
  const std::string asked = x.query("lang");
  if (asked == "vi" || asked == "en") {
    Poco::Net::HTTPCookie c(kLangCookie, asked);
    c.setPath("/");
    c.setMaxAge(365 * 24 * 3600);
    c.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_LAX);
    x.response.addCookie(c);
    return asked;
  }
  const std::string remembered = cookie(x, kLangCookie);
  return remembered == "en" ? "en" : "vi";
}

void redirect(Exchange& x, const std::string& to) {
  x.response.set("Location", to);
  x.sendBytes(303, "text/html; charset=utf-8", "<a href=\"" + to + "\">" + to + "</a>");
}

// A path of this site to go back to after signing in; anything else becomes "/".
std::string localPath(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.rfind("//", 0) == 0 ||
      next.find_first_of("\\\r\n") != std::string::npos)
    return "/";
  return next;
}

void pageRoute(Router& router, const char* method, const char* pattern, const char* summary,
               Handler handler) {
  router.add(Route{method, pattern, Access::Page, std::move(handler), summary});
}

std::string inLang(const core::Error& error, const std::string& lang) {
  return lang == "en" || error.details.empty() ? error.message : error.details.front();
}

namespace {

// Every text of the pages in `lang` as {"t": {key: text}}, made once: each page's own data is
// rendered on top of it, so {{t.key}} finds it without copying 400 texts into every page.
const Data& textsOf(const std::string& lang) {
  const auto make = [](bool english) {
    Data t{Data::type::object};
    for (const auto& [key, value] : texts()) t.set(key, english ? value.second : value.first);
    Data root{Data::type::object};
    root.set("t", t);
    return root;
  };
  static const Data vi = make(false);
  static const Data en = make(true);
  return lang == "en" ? en : vi;
}

// `source` parsed, once per thread and template (rendering uses the parsed template's state,
// so threads do not share one).
kainjow::mustache::mustache& parsed(const std::string& name, const std::string& source) {
  struct Kept {
    std::string source;
    std::unique_ptr<kainjow::mustache::mustache> parsed;
  };
  thread_local std::map<std::string, Kept> kept;
  Kept& k = kept[name];
  if (!k.parsed || k.source != source) {
    k.parsed = std::make_unique<kainjow::mustache::mustache>(source);
    k.source = source;
  }
  return *k.parsed;
}

// Template `name` of `templates` rendered with `data` over the texts of `lang`.
std::string rendered(const std::map<std::string, std::string>& templates, const std::string& name,
                     const Data& data, const std::string& lang) {
  kainjow::mustache::mustache& tmpl = parsed(name, templates.at(name));
  if (!tmpl.is_valid()) return {};
  kainjow::mustache::context<std::string> context(&textsOf(lang));
  context.push(&data);
  return tmpl.render(context);
}

}  // namespace

void PageKit::render(Exchange& x, int status, const std::string& name, Data data,
                     const std::string& title, const std::optional<service::Caller>& who,
                     const std::string& lang) const {
  Data page{Data::type::object};
  page.set("lang", lang);
  page.set("title", title);
  page.set("otherLang", lang == "en" ? "vi" : "en");
  page.set("otherLangName", lang == "en" ? "Tiếng Việt" : "English");
  if (who) {
    Data user{Data::type::object};
    user.set("name", who->user.full_name);
    user.set("csrf", who->csrf);
    const model::Role role = who->user.role;
    user.set("canFile", role == model::Role::SubmittingUnit);
    user.set("isOffice", role == model::Role::StandingOffice);
    user.set("seesCouncil", role == model::Role::StandingOffice ||
                                role == model::Role::CouncilMember ||
                                role == model::Role::Chairperson);
    user.set("seesArchive", role == model::Role::Archivist || role == model::Role::Admin);
    user.set("isAdmin", role == model::Role::Admin);
    user.set("seesReports", role != model::Role::Archivist);  // a unit: its own
    page.set("user", user);
  }
  page.set("body", rendered(*templates_, name, data, lang));
  x.response.set("Content-Security-Policy",
                 "default-src 'self'; form-action 'self'; frame-ancestors 'none'");
  x.response.set("X-Frame-Options", "DENY");
  x.sendBytes(status, "text/html; charset=utf-8", rendered(*templates_, "layout", page, lang));
}

void PageKit::failure(Exchange& x, const core::Error& error,
                      const std::optional<service::Caller>& who, const std::string& lang) const {
  Data d{Data::type::object};
  const int status = httpStatus(error.code);
  const bool forbidden = status == 403;
  d.set("heading", forbidden       ? (lang == "en" ? "Not allowed" : "Không được phép")
                   : status == 404 ? (lang == "en" ? "Not found" : "Không tìm thấy")
                                   : (lang == "en" ? "Something went wrong" : "Có lỗi xảy ra"));
  d.set("message", inLang(error, lang));
  render(x, status, "error", d, forbidden ? "403" : std::to_string(status), who, lang);
}

std::optional<service::Caller> PageKit::caller(Exchange& x) const {
  const std::string token = cookie(x, kSessionCookie);
  if (token.empty()) return std::nullopt;
  auto who = sessions_->authenticate(token, true);
  if (!who) return std::nullopt;
  return std::move(who).value();
}

void PageKit::bare(Exchange& x, const std::string& name, const Data& data) const {
  kainjow::mustache::mustache& page = parsed(name, templates_->at(name));
  x.response.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
  x.sendBytes(200, "text/html; charset=utf-8", page.render(data));
}

void PageKit::signInFirst(Exchange& x) const {
  const std::string target = x.request.getURI();
  redirect(x, "/login?next=" + Poco::URI(target).getPathEtc().substr(0, 512));
}

bool PageKit::postedForm(Exchange& x, const service::Caller& who, const std::string& lang,
                         Poco::Net::HTMLForm& form) const {
  try {
    form.setFieldLimit(200);
    form.load(x.request, x.request.stream());
  } catch (const Poco::Exception&) {
    failure(x, unreadableForm(), who, lang);
    return false;
  }
  if (form.get("csrf", "") != who.csrf) {
    failure(x, staleForm(), who, lang);
    return false;
  }
  return true;
}

}  // namespace awardflow::http::detail
