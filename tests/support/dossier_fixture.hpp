#pragma once

namespace awardflow::testing {

// A valid Advanced Worker dossier under huong-son-district-2024 (attachments not checked).
// Tests break it in one place with replaceOnce() and look for the one problem that follows.
inline constexpr const char* kAdvancedWorkerDossier = R"(<?xml version="1.0" encoding="UTF-8"?>
<dossier xmlns="urn:awardflow:dossier:1" schemaVersion="1" id="HS-2024-SONTIEN-LDTT">
  <procedure rulebook="huong-son-district-2024" id="advanced-worker"/>
  <nominatingUnit code="UBND-SONTIEN" level="commune">
    <name>UBND xã Sơn Tiến</name>
  </nominatingUnit>
  <period year="2024"><wave>year</wave></period>
  <date>2024-12-20</date>
  <title>Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2024</title>
  <achievementSummary>Hai cá nhân hoàn thành tốt nhiệm vụ, tích cực trong phong trào thi đua.</achievementSummary>
  <nominees>
    <individual id="n1" directLabourer="true">
      <fullName>Nguyễn Văn An</fullName>
      <gender>male</gender>
      <birthYear>1980</birthYear>
      <position>Nông dân</position>
      <unit>Thôn Trung Thủy, xã Sơn Tiến</unit>
      <annualRating>good</annualRating>
      <discipline>none</discipline>
      <administrativeSanction>false</administrativeSanction>
    </individual>
    <individual id="n2" directLabourer="false">
      <fullName>Lê Thị Hoa</fullName>
      <gender>female</gender>
      <birthYear>1988</birthYear>
      <position>Công chức Văn hóa – Xã hội</position>
      <unit>UBND xã Sơn Tiến</unit>
      <annualRating>excellent</annualRating>
      <discipline>none</discipline>
      <administrativeSanction>false</administrativeSanction>
    </individual>
  </nominees>
  <documents>
    <document id="d1" part="proposal">
      <number>15</number>
      <notation>TTr-UBND</notation>
      <issuedDate>2024-12-18</issuedDate>
      <signer><position>Chủ tịch UBND xã</position><fullName>Trần Văn Bình</fullName></signer>
      <subject>Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2024</subject>
      <pageCount>2</pageCount>
      <attachment fileName="totrinh.pdf" mediaType="application/pdf" size="9" sha256="0000000000000000000000000000000000000000000000000000000000000000"/>
    </document>
    <document id="d2" part="rating-minutes">
      <number>3</number>
      <notation>BB-HĐTĐKT</notation>
      <issuedDate>2024-12-10</issuedDate>
      <signer><position>Chủ tịch Hội đồng</position><fullName>Trần Văn Bình</fullName></signer>
      <subject>Biên bản bình xét thi đua năm 2024</subject>
      <pageCount>3</pageCount>
      <attachment fileName="bienban.pdf" mediaType="application/pdf" size="9" sha256="0000000000000000000000000000000000000000000000000000000000000000"/>
    </document>
  </documents>
</dossier>
)";

}  // namespace awardflow::testing
