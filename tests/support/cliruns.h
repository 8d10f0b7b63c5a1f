#pragma once
// rapport-cli runs for the tests that play several reps at once: each process gets its own
// RAPPORT_USER, and together() starts every command before waiting for any, so that they
// overlap as a team's clients do.
#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace CliRuns {

struct Run {
    int code = -1; // -1: it crashed or never ended
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

inline std::unique_ptr<QProcess> start(const QString &db, const QString &user,
                                       const QStringList &args)
{
    auto p = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("RAPPORT_USER"), user);
    p->setProcessEnvironment(env);
    p->start(QStringLiteral(RAPPORT_CLI), QStringList{QStringLiteral("--db"), db} + args);
    return p;
}

inline Run finish(QProcess &p)
{
    Run r;
    if (p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit)
        r.code = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// One command by one rep, waited for.
inline Run run(const QString &db, const QString &user, const QStringList &args)
{
    return finish(*start(db, user, args));
}

inline QList<Run> together(const QString &db,
                           const QList<QPair<QString, QStringList>> &commands)
{
    std::vector<std::unique_ptr<QProcess>> processes;
    for (const auto &[user, args] : commands)
        processes.push_back(start(db, user, args));
    QList<Run> runs;
    for (const auto &p : processes)
        runs << finish(*p);
    return runs;
}

inline QString details(const QList<Run> &runs)
{
    QStringList lines;
    for (const Run &r : runs)
        lines << QStringLiteral("exit %1: %2").arg(r.code).arg(QString::fromUtf8(r.err.trimmed()));
    return lines.join(QStringLiteral(" | "));
}

} // namespace CliRuns
