#pragma once
// The demo data's leads as a CSV file (`rapport-cli demo --csv`): a file of any size for
// benchmarks and tests of the import, written a row at a time in constant memory.

#include <QString>

class QIODevice;

namespace Rapport {

enum class DemoCsvHeader {
    Zoho,  // First Name, Last Name, Email, ... as Zoho CRM exports them
    Plain, // first_name, last_name, email, ...: Rapport's field names
};

// Writes the header and `leads` generated leads (storage/demodata.h's, for `seed`) to
// `device`, open for writing: First Name, Last Name, Email, Company, Phone, City,
// Lead Source, Lead Status, Description. "" when done, or why a write failed.
QString writeDemoLeadsCsv(QIODevice *device, qint64 leads,
                          DemoCsvHeader header = DemoCsvHeader::Zoho, quint32 seed = 42);

} // namespace Rapport
