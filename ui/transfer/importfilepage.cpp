#include "transfer/importfilepage.h"

#include "transfer/importer.h"
#include "transfer/importsession.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Rapport {

namespace {

constexpr int PreviewRows = 20;

QString lineEndName(CsvDialect::LineEnd end)
{
    switch (end) {
    case CsvDialect::LineEnd::CrLf: return ImportFilePage::tr("CRLF (Windows)");
    case CsvDialect::LineEnd::Lf: return ImportFilePage::tr("LF (Linux, macOS)");
    case CsvDialect::LineEnd::Cr: return ImportFilePage::tr("CR (classic Mac)");
    }
    return {};
}

} // namespace

ImportFilePage::ImportFilePage(ImportSession *session)
    : QWizardPage()
    , m_session(session)
    , m_path(new QLineEdit(this))
    , m_encoding(new QComboBox(this))
    , m_delimiter(new QComboBox(this))
    , m_sheet(new QComboBox(this))
    , m_format(new QLabel(this))
    , m_lineEnds(new QLabel(this))
    , m_form(new QFormLayout)
    , m_message(new QLabel(this))
    , m_preview(new QTableWidget(this))
{
    setObjectName(QStringLiteral("importFilePage"));
    setTitle(tr("Choose the file"));
    setSubTitle(tr("Rapport reads CSV files from Zoho, Salesforce, HubSpot, Outlook, Google "
                   "and spreadsheets, Excel workbooks and vCard address books. Check that the "
                   "preview looks right."));
    m_path->setObjectName(QStringLiteral("filePathEdit"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("browseButton"));
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path);
    fileRow->addWidget(browse);

    m_encoding->setObjectName(QStringLiteral("encodingCombo"));
    m_encoding->addItem(tr("UTF-8"), QByteArray("UTF-8"));
    m_encoding->addItem(tr("UTF-16 (little endian)"), QByteArray("UTF-16LE"));
    m_encoding->addItem(tr("UTF-16 (big endian)"), QByteArray("UTF-16BE"));
    m_encoding->addItem(tr("Windows-1252 (Western European)"), QByteArray("windows-1252"));
    m_encoding->addItem(tr("ISO 8859-15 (Latin-9)"), QByteArray("ISO-8859-15"));
    m_delimiter->setObjectName(QStringLiteral("delimiterCombo"));
    m_delimiter->addItem(tr("Comma ( , )"), QChar(u','));
    m_delimiter->addItem(tr("Semicolon ( ; )"), QChar(u';'));
    m_delimiter->addItem(tr("Tab"), QChar(u'\t'));
    m_delimiter->addItem(tr("Vertical bar ( | )"), QChar(u'|'));
    m_sheet->setObjectName(QStringLiteral("sheetCombo"));
    m_format->setObjectName(QStringLiteral("formatLabel"));
    m_lineEnds->setObjectName(QStringLiteral("lineEndsLabel"));
    m_lineEnds->setToolTip(tr("Rapport reads all three kinds of line ends, even mixed."));
    m_message->setObjectName(QStringLiteral("fileMessage"));
    m_message->setWordWrap(true);
    m_preview->setObjectName(QStringLiteral("previewTable"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->verticalHeader()->hide();

    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_path); // a row of a layout gets no buddy by itself
    m_form->addRow(fileLabel, fileRow);
    m_form->addRow(tr("Format:"), m_format);
    m_form->addRow(tr("&Sheet:"), m_sheet);
    m_form->addRow(tr("&Encoding:"), m_encoding);
    m_form->addRow(tr("&Delimiter:"), m_delimiter);
    m_form->addRow(tr("Line ends:"), m_lineEnds);
    m_form->setRowVisible(m_sheet, false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_message);
    layout->addWidget(m_preview, 1);

    connect(browse, &QPushButton::clicked, this, &ImportFilePage::browse);
    connect(m_path, &QLineEdit::textChanged, this, &ImportFilePage::fileChanged);
    connect(m_encoding, &QComboBox::activated, this, [this] {
        m_session->options().encoding = m_encoding->currentData().toByteArray();
        refresh();
    });
    connect(m_sheet, &QComboBox::activated, this, [this](int index) {
        m_session->options().sheet = index;
        m_session->options().mapping.clear(); // another sheet, other columns
        refresh();
    });
    connect(m_delimiter, &QComboBox::activated, this, [this] {
        m_session->options().delimiter = m_delimiter->currentData().value<QChar>();
        refresh();
    });
}

void ImportFilePage::browse()
{
    const QString path = m_session->chooseFile(this, tr("Import File"),
                                              tr("Files Rapport reads (*.csv *.txt *.tsv *.xlsx "
                                                 "*.vcf);;CSV files (*.csv *.txt *.tsv);;Excel "
                                                 "workbooks (*.xlsx);;vCard files (*.vcf);;All "
                                                 "files (*)"),
                                              false);
    if (!path.isEmpty())
        m_path->setText(path);
}

void ImportFilePage::setFilePath(const QString &path)
{
    m_path->setText(path);
}

void ImportFilePage::fileChanged()
{
    ImportOptions &o = m_session->options();
    if (o.filePath == m_path->text())
        return;
    // A new file: detect its dialect again.
    o.filePath = m_path->text();
    o.format = FileFormat::Auto;
    o.encoding.clear();
    o.delimiter = QChar();
    o.sheet = 0;
    o.mapping.clear();
    refresh();
}

void ImportFilePage::refresh()
{
    const ImportOptions &o = m_session->options();
    m_preview->clear();
    m_preview->setRowCount(0);
    m_preview->setColumnCount(0);
    m_ok = false;
    if (o.filePath.isEmpty() || !QFileInfo(o.filePath).isFile()) {
        m_message->setText(o.filePath.isEmpty() ? QString() : tr("There is no file “%1”.")
                                                                  .arg(o.filePath));
        emit completeChanged();
        return;
    }
    const ImportPreview p = Importer::preview(o, PreviewRows);
    showFormat(p);
    showDetected(p.dialect.encoding, p.dialect.delimiter, lineEndName(p.dialect.lineEnd));
    m_session->headers() = p.headers;
    m_preview->setColumnCount(int(p.headers.size()));
    m_preview->setHorizontalHeaderLabels(p.headers);
    m_preview->setRowCount(int(p.rows.size()));
    for (int r = 0; r < p.rows.size(); ++r) {
        for (int c = 0; c < p.rows[r].size() && c < p.headers.size(); ++c)
            m_preview->setItem(r, c, new QTableWidgetItem(p.rows[r][c]));
    }
    m_ok = p.error.isEmpty() && !p.headers.isEmpty();
    m_message->setText(p.error.isEmpty()
                           ? tr("%n row(s) shown from the start of the file.", nullptr,
                                int(p.rows.size()))
                           : p.error);
    emit completeChanged();
}

void ImportFilePage::showDetected(const QByteArray &encoding, QChar delimiter,
                                  const QString &lineEnds)
{
    int e = m_encoding->findData(encoding);
    if (e < 0) {
        m_encoding->addItem(QString::fromLatin1(encoding), encoding);
        e = m_encoding->count() - 1;
    }
    m_encoding->setCurrentIndex(e);
    const int d = m_delimiter->findData(delimiter);
    if (d >= 0)
        m_delimiter->setCurrentIndex(d);
    m_lineEnds->setText(lineEnds);
}

// Encoding, delimiter and line ends are a CSV file's; a workbook has sheets instead.
void ImportFilePage::showFormat(const ImportPreview &p)
{
    const bool csv = p.format == FileFormat::Csv;
    m_format->setText(p.format == FileFormat::Xlsx ? tr("Excel workbook")
                      : p.format == FileFormat::VCard ? tr("vCard address book")
                                                      : tr("CSV (text with delimiters)"));
    for (QWidget *w : {static_cast<QWidget *>(m_encoding), static_cast<QWidget *>(m_delimiter),
                       static_cast<QWidget *>(m_lineEnds)})
        m_form->setRowVisible(w, csv);
    m_form->setRowVisible(m_sheet, !p.sheets.isEmpty());
    m_sheet->clear();
    m_sheet->addItems(p.sheets);
    if (!p.sheets.isEmpty())
        m_sheet->setCurrentIndex(std::min(m_session->options().sheet, int(p.sheets.size()) - 1));
}

bool ImportFilePage::isComplete() const
{
    return m_ok;
}

bool ImportFilePage::validatePage()
{
    // The mapping page reads the choices made here.
    ImportOptions &o = m_session->options();
    if (m_form->isRowVisible(m_encoding)) {
        o.encoding = m_encoding->currentData().toByteArray();
        o.delimiter = m_delimiter->currentData().value<QChar>();
    }
    return m_ok;
}

} // namespace Rapport
