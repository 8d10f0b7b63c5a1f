#include "transfer/exportdialog.h"

#include "storage/dbworker.h"
#include "prompts/prompter.h"
#include "records/recordtab.h"
#include "lists/recordtablemodel.h"
#include "records/recordtypes.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

namespace Rapport {

namespace {

constexpr auto PurposeKey = "export/purpose";

QRadioButton *addRadio(QButtonGroup *group, QLayout *layout, const QString &text,
                       const QString &name, int id)
{
    auto *radio = new QRadioButton(text);
    radio->setObjectName(name);
    group->addButton(radio, id);
    layout->addWidget(radio);
    return radio;
}

} // namespace

ExportDialog::ExportDialog(RecordTab *tab, const QString &connection,
                           std::shared_ptr<Prompter> prompter, QWidget *parent)
    : QDialog(parent)
    , m_tab(tab)
    , m_connection(connection)
    , m_prompter(prompter ? std::move(prompter) : Prompter::standard())
    , m_worker(new DbWorker(connection, this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export %1").arg(entityPlural(tab->entity())));
    m_chooseFile = [this](QWidget *owner, const QString &title) {
        const FileFormat f = format();
        return QFileDialog::getSaveFileName(owner, title, QDir::homePath(),
                                            f == FileFormat::Xlsx ? tr("Excel workbooks (*.xlsx)")
                                            : f == FileFormat::VCard ? tr("vCard files (*.vcf)")
                                                                     : tr("CSV files (*.csv)"));
    };
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("exportButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createRowChoice());
    layout->addWidget(createPurposeChoice());
    layout->addWidget(createFormatChoice());
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_path, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_export->setEnabled(!text.trimmed().isEmpty()); });
    m_export->setEnabled(false);
    // The last choice, Excel the first time: the guarded file is the safe one.
    static const QStringList purposeNames = {QStringLiteral("excel"), QStringLiteral("plain"),
                                             QStringLiteral("workbook"),
                                             QStringLiteral("addressbook")};
    auto purpose = Purpose(std::max(qsizetype(0), purposeNames.indexOf(
                               QSettings().value(QLatin1String(PurposeKey)).toString())));
    if (!m_purpose->button(int(purpose)))
        purpose = Purpose::Excel; // an address book, remembered from the contacts tab
    m_purpose->button(int(purpose))->setChecked(true);
    applyPurpose(purpose);
    connect(m_purpose, &QButtonGroup::idClicked, this, [this](int id) {
        applyPurpose(Purpose(id));
        QSettings().setValue(QLatin1String(PurposeKey), purposeNames.value(id));
    });
}

QWidget *ExportDialog::createPurposeChoice()
{
    auto *box = new QGroupBox(tr("What is the file for?"), this);
    auto *layout = new QVBoxLayout(box);
    m_purpose = new QButtonGroup(this);
    addRadio(m_purpose, layout, tr("E&xcel: formulas neutralised, readable as UTF-8"),
             QStringLiteral("purposeExcelRadio"), int(Purpose::Excel));
    addRadio(m_purpose, layout, tr("Another &program: plain CSV, cells exactly as stored"),
             QStringLiteral("purposePlainRadio"), int(Purpose::Plain));
    addRadio(m_purpose, layout, tr("An Excel &workbook (.xlsx): numbers, dates and phone "
                                   "numbers each as what they are"),
             QStringLiteral("purposeWorkbookRadio"), int(Purpose::Workbook));
    if (m_tab->entity() == Entity::Contact)
        addRadio(m_purpose, layout, tr("An address &book (vCard .vcf) for Outlook, Google or "
                                       "Apple Contacts"),
                 QStringLiteral("purposeAddressBookRadio"), int(Purpose::AddressBook));
    return box;
}

QChar ExportDialog::excelDelimiter(const QLocale &locale)
{
    // Excel splits CSV at the list separator of Windows' regional settings, which is ";"
    // wherever "," is the decimal separator.
    return locale.decimalPoint() == QLatin1String(",") ? QLatin1Char(';') : QLatin1Char(',');
}

void ExportDialog::applyPurpose(Purpose purpose)
{
    const bool excel = purpose == Purpose::Excel;
    const QChar delimiter = excel ? excelDelimiter(QLocale()) : QLatin1Char(',');
    m_delimiter->setCurrentIndex(m_delimiter->findData(delimiter));
    m_bom->setChecked(excel);
    m_guard->setChecked(excel);
    // A workbook keeps text as text and an address book has no columns: the CSV options
    // are not theirs.
    const bool csv = format() == FileFormat::Csv;
    for (QWidget *w : {static_cast<QWidget *>(m_delimiter), static_cast<QWidget *>(m_bom),
                       static_cast<QWidget *>(m_guard)})
        w->setEnabled(csv);
    m_columns->button(int(Columns::Visible))
        ->parentWidget()
        ->setEnabled(purpose != Purpose::AddressBook);
    if (!m_path->text().trimmed().isEmpty())
        m_path->setText(withSuffix(m_path->text().trimmed()));
}

FileFormat ExportDialog::format() const
{
    switch (Purpose(m_purpose->checkedId())) {
    case Purpose::Workbook:
        return FileFormat::Xlsx;
    case Purpose::AddressBook:
        return FileFormat::VCard;
    default:
        return FileFormat::Csv;
    }
}

// The path with the extension of the chosen format ("leads.csv" -> "leads.xlsx").
QString ExportDialog::withSuffix(const QString &path) const
{
    const FileFormat f = format();
    const QString suffix = f == FileFormat::Xlsx ? QStringLiteral(".xlsx")
                           : f == FileFormat::VCard ? QStringLiteral(".vcf")
                                                    : QStringLiteral(".csv");
    if (path.endsWith(suffix, Qt::CaseInsensitive))
        return path;
    QString stem = path;
    for (const char *known : {".csv", ".xlsx", ".vcf"}) {
        if (stem.endsWith(QLatin1String(known), Qt::CaseInsensitive))
            stem.chop(qsizetype(qstrlen(known)));
    }
    return stem + suffix;
}

QWidget *ExportDialog::createRowChoice()
{
    auto *box = new QWidget(this);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    auto *rowsBox = new QGroupBox(tr("Records"), box);
    auto *rowsLayout = new QVBoxLayout(rowsBox);
    m_rows = new QButtonGroup(this);
    const int shown = m_tab->model()->rowCount();
    const qsizetype selected = m_tab->selectedIds().size();
    addRadio(m_rows, rowsLayout, tr("The %n record(s) the tab shows now", nullptr, shown),
             QStringLiteral("rowsShownRadio"), int(Rows::Shown))->setChecked(true);
    addRadio(m_rows, rowsLayout, tr("The %n selected record(s)", nullptr, int(selected)),
             QStringLiteral("rowsSelectedRadio"), int(Rows::Selected))
        ->setEnabled(selected > 0);
    addRadio(m_rows, rowsLayout, tr("All %1").arg(entityPlural(m_tab->entity()).toLower()),
             QStringLiteral("rowsAllRadio"), int(Rows::All));
    auto *columnsBox = new QGroupBox(tr("Columns"), box);
    auto *columnsLayout = new QVBoxLayout(columnsBox);
    m_columns = new QButtonGroup(this);
    addRadio(m_columns, columnsLayout, tr("The columns the tab shows, in its order"),
             QStringLiteral("columnsVisibleRadio"), int(Columns::Visible))->setChecked(true);
    addRadio(m_columns, columnsLayout, tr("Every field"), QStringLiteral("columnsAllRadio"),
             int(Columns::All));
    columnsLayout->addStretch();
    row->addWidget(rowsBox);
    row->addWidget(columnsBox);
    return box;
}

QWidget *ExportDialog::createFormatChoice()
{
    auto *box = new QGroupBox(tr("File"), this);
    auto *form = new QFormLayout(box);
    m_delimiter = new QComboBox(box);
    m_delimiter->setObjectName(QStringLiteral("exportDelimiterCombo"));
    m_delimiter->addItem(tr("Comma ( , )"), QChar(u','));
    m_delimiter->addItem(tr("Semicolon ( ; ), for Excel in many European languages"),
                         QChar(u';'));
    m_bom = new QCheckBox(tr("Start with a byte order mark, so Excel reads it as UTF-8"), box);
    m_bom->setObjectName(QStringLiteral("bomCheck"));
    m_guard = new QCheckBox(tr("Protect against spreadsheet formulas (cells starting with "
                               "= + - @ get an apostrophe)"), box);
    m_guard->setObjectName(QStringLiteral("formulaGuardCheck"));
    m_guard->setChecked(true);
    m_path = new QLineEdit(box);
    m_path->setObjectName(QStringLiteral("exportPathEdit"));
    auto *browse = new QPushButton(tr("&Browse…"), box);
    browse->setObjectName(QStringLiteral("exportBrowseButton"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path);
    pathRow->addWidget(browse);
    auto *pathLabel = new QLabel(tr("&Save as:"), box);
    pathLabel->setBuddy(m_path); // a row of two has no buddy of its own: Alt+S and no "&" shown
    form->addRow(pathLabel, pathRow);
    form->addRow(tr("&Delimiter:"), m_delimiter);
    form->addRow(QString(), m_bom);
    form->addRow(QString(), m_guard);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    return box;
}

void ExportDialog::browse()
{
    const QString path = m_chooseFile(this, tr("Export %1").arg(entityPlural(m_tab->entity())));
    if (!path.isEmpty())
        m_path->setText(withSuffix(path));
}

QStringList ExportDialog::visibleColumns() const
{
    const QHeaderView *header = m_tab->view()->horizontalHeader();
    const auto &fields = entityDef(m_tab->entity()).fields;
    QStringList names;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical) && logical < fields.size())
            names << QString::fromLatin1(fields[logical].name);
    }
    return names;
}

ExportOptions ExportDialog::options() const
{
    ExportOptions o;
    switch (Rows(m_rows->checkedId())) {
    case Rows::Shown:
        o.filter = m_tab->filter();
        break;
    case Rows::Selected:
        o.ids = m_tab->selectedIds();
        break;
    case Rows::All:
        o.filter.converted = RecordFilter::Converted::Include;
        break;
    }
    if (Columns(m_columns->checkedId()) == Columns::Visible)
        o.columns = visibleColumns();
    o.delimiter = m_delimiter->currentData().value<QChar>();
    o.bom = m_bom->isChecked();
    o.formulaGuard = m_guard->isChecked();
    return o;
}

void ExportDialog::startExport()
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty() || m_worker->isRunning())
        return;
    const ExportOptions o = options();
    const FileFormat fileFormat = format();
    const Entity entity = m_tab->entity();
    auto outcome = std::make_shared<std::pair<qint64, QString>>(-1, QString());
    m_export->setEnabled(false);
    m_status->setText(tr("Exporting…"));
    DbWorker *worker = m_worker;
    m_worker->start(
        [=](const QString &connection) {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                outcome->second = file.errorString();
                return;
            }
            Exporter exporter(connection);
            exporter.setCancelFlag(worker->cancelFlag());
            outcome->first = exporter.write(entity, o, fileFormat, &file);
            if (outcome->first < 0)
                outcome->second = exporter.errorString();
            else if (!file.commit())
                outcome->second = file.errorString();
        },
        [this, outcome](const QString &error) {
            finished(outcome->first, error.isEmpty() ? outcome->second : error);
        });
}

void ExportDialog::finished(qint64 rows, const QString &error)
{
    m_export->setEnabled(true);
    const QString path = m_path->text().trimmed();
    if (!error.isEmpty()) {
        m_status->clear();
        m_prompter->warn(this, windowTitle(),
                         tr("“%1” cannot be written: %2").arg(path, error));
        return;
    }
    m_status->setText(tr("%n record(s) exported to %1.", nullptr, int(rows)).arg(path));
    emit exported(rows, path);
}

} // namespace Rapport
