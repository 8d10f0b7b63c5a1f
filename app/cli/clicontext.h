#pragma once
// What every rapport-cli command gets: the parsed command line, the open database and
// the two output streams. Commands print one clear line on stderr when they fail.

#include "records/recordtypes.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Rapport::Cli {

struct Context {
    QCommandLineParser &parser;
    QStringList args;        // positional arguments after the command name
    QString connection;      // open database connection
    bool json = false;
    QTextStream &out;
    QTextStream &err;

    int fail(int code, const QString &message) const;
    void printJson(const QJsonObject &object) const;
};

// "1 lead", "2 leads" (or the user's language).
QString countedRecords(Entity entity, qint64 n);
// A record as the JSON names it: "deals:5".
QString recordRef(Entity entity, qint64 id);
// --owner me|all|NAME, `fallback` when not given: the owner's name, "" for everyone's.
QString ownerOption(const Context &ctx, const QString &fallback);

// The commands; each returns an exit code.
int demo(Context &ctx);
int count(Context &ctx);
int convert(Context &ctx);
int unconvert(Context &ctx);
int import(Context &ctx);
int imports(Context &ctx);
int undoImport(Context &ctx);
int exportRecords(Context &ctx);
int activity(Context &ctx);
int today(Context &ctx);
int addRecord(Context &ctx);
int getRecord(Context &ctx);
int updateRecord(Context &ctx);
int assignOwner(Context &ctx);
int ownRecordsOnly(Context &ctx);
int listRecords(Context &ctx);
int timeline(Context &ctx);
int board(Context &ctx);
int exportIcs(Context &ctx);
int importIcs(Context &ctx);

} // namespace Rapport::Cli
