#pragma once
// One property of a vCard, unfolded: its group, name, parameters and raw value, and how to
// turn that value into text whatever wrote it. vCard 2.1 (Outlook) marks values as
// quoted-printable and names their charset; 3.0 and 4.0 (Google, Apple) are UTF-8 with
// backslash escapes. The reader keeps the bytes until the card's VERSION is known.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>

#include <optional>

namespace Rapport {

enum class VCardVersion { V21, V30, V40 };

class VCardProperty
{
public:
    // "item1.EMAIL;TYPE=INTERNET:a@b.example" -> group item1, name EMAIL, ...; nullopt for a
    // line with no name or no colon.
    static std::optional<VCardProperty> parse(const QByteArray &line);
    // The name alone, upper case, without its group: "ITEM1.tel;type=cell:1" -> "TEL".
    static QByteArray nameOf(const QByteArray &line);
    // True when the parameters (before the value) say ENCODING=QUOTED-PRINTABLE, in any form.
    static bool isQuotedPrintable(const QByteArray &line);

    const QByteArray &group() const { return m_group; }
    const QByteArray &name() const { return m_name; }
    // The first value of a parameter (key upper case), quotes removed; empty when absent.
    QByteArray param(const char *key) const;
    // TYPE=WORK,VOICE, TYPE="work,voice", a bare 2.1 ;WORK; — ignoring case.
    bool hasType(const char *type) const;
    // How preferred the value is: 1 to 100 (PREF=n, TYPE=pref is 1), 101 when not at all.
    int prefRank() const;

    // The value with its transfer encoding and charset undone, escapes still in place.
    // `badBytes` is set when the bytes are not text in any encoding the card allows.
    QString decoded(VCardVersion version, bool *badBytes) const;
    // The value as one text, escapes resolved.
    QString text(VCardVersion version, bool *badBytes) const;
    // A structured value (N, ADR, ORG) split at its unescaped semicolons, escapes resolved.
    QStringList components(VCardVersion version, bool *badBytes) const;

    // Resolves the escapes of one value: \n \, \; \\ in 3.0 and 4.0, only \; in 2.1.
    static QString unescaped(QStringView value, VCardVersion version);

private:
    void addParam(const QByteArray &param);

    QByteArray m_group;
    QByteArray m_name;
    QList<QPair<QByteArray, QByteArray>> m_params; // upper-case key, value
    QByteArray m_value;
};

} // namespace Rapport
