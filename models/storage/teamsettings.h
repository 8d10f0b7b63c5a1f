#pragma once
// Settings the whole team shares, kept in the database's `settings` table as one JSON
// document per key (the conversion's field mapping, the pipeline's stages), so that every
// window and every rep on the database reads the same.

#include <QJsonDocument>
#include <QString>

namespace Rapport::TeamSettings {

// The document stored under `key`; a null document when there is none.
QJsonDocument read(const QString &connectionName, const QString &key);
// Replaces what `key` holds, in one transaction; "" or the database's message.
QString write(const QString &connectionName, const QString &key, const QJsonDocument &value);

} // namespace Rapport::TeamSettings
