#include "transfer/democsv.h"

#include "csv/csvwriter.h"
#include "storage/demodata.h"

#include <QStringList>

namespace Rapport {

QString writeDemoLeadsCsv(QIODevice *device, qint64 leads, DemoCsvHeader header, quint32 seed)
{
    CsvWriter writer(device);
    const QStringList zoho = {"First Name", "Last Name", "Email", "Company", "Phone", "City",
                              "Lead Source", "Lead Status", "Description"};
    const QStringList plain = {"first_name", "last_name", "email", "company", "phone", "city",
                               "lead_source", "lead_status", "description"};
    bool ok = writer.writeRow(header == DemoCsvHeader::Zoho ? zoho : plain);
    DemoLeads generated(seed);
    for (qint64 i = 0; ok && i < leads; ++i) {
        const DemoLeads::Lead l = generated.next();
        ok = writer.writeRow({l.firstName, l.lastName, l.email, l.company, l.phone, l.city,
                              l.leadSource, l.leadStatus, l.description});
    }
    ok = writer.flush() && ok;
    return ok ? QString() : writer.errorString();
}

} // namespace Rapport
