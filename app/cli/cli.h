#pragma once
// rapport-cli: the headless twin of the desktop app (see the README for the commands).
// Exit codes: 0 done, 1 other failure, 2 bad usage, 3 bad input, 4 refused by the data.

#include <QStringList>

namespace Rapport::Cli {

enum Exit { Ok = 0, Failure = 1, Usage = 2, BadInput = 3, Refused = 4 };

int run(const QStringList &arguments);

} // namespace Rapport::Cli
