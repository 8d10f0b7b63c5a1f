#pragma once
// Unconverting a lead as the user sees it, for both Edit › Undo right after a conversion and
// Lead › Unconvert… any time later: first what blocks or would be lost (records edited,
// noted or linked since), then the user's choice of UnconvertMode, then the undo itself.
// Questions go through the Prompter so tests can answer them.

#include "conversion/unconverter.h"

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace Rapport {

class Prompter;

class LeadUnconversion
{
    Q_DECLARE_TR_FUNCTIONS(LeadUnconversion)

public:
    enum class Confirm {
        Always,        // Unconvert…: say what will happen and ask first
        OnlyIfLossy    // Undo: ask only when later work would be lost
    };

    LeadUnconversion(const QString &connection, Prompter &prompter, QWidget *parent);
    // True when the lead is an active lead again; false if the user cancelled or it failed
    // (the reason was shown).
    bool run(qint64 leadId, Confirm confirm) const;

private:
    // The mode the user picked, or nullopt for Cancel.
    std::optional<UnconvertMode> ask(qint64 leadId, const UnconvertReport &check,
                                     Confirm confirm) const;
    QString whatHappens(qint64 leadId) const;

    QString m_connection;
    Prompter &m_prompter;
    QWidget *m_parent;
};

} // namespace Rapport
