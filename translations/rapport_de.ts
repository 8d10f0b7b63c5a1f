<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ActivitySteps</name>
    <message>
        <location filename="../ui/day/activitysteps.cpp" line="31"/>
        <source>Could not complete the activity</source>
        <translation>Die Aktivität konnte nicht erledigt werden</translation>
    </message>
    <message>
        <location filename="../ui/day/activitysteps.cpp" line="48"/>
        <source>Reschedule</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <location filename="../ui/day/activitysteps.cpp" line="53"/>
        <source>Could not reschedule the activity</source>
        <translation>Die Aktivität konnte nicht verschoben werden</translation>
    </message>
    <message>
        <location filename="../ui/day/activitysteps.cpp" line="75"/>
        <source>Could not log the call</source>
        <translation>Der Anruf konnte nicht protokolliert werden</translation>
    </message>
    <message>
        <location filename="../ui/day/activitysteps.cpp" line="96"/>
        <source>Could not plan the next step</source>
        <translation>Der nächste Schritt konnte nicht geplant werden</translation>
    </message>
</context>
<context>
    <name>AgendaReader</name>
    <message>
        <location filename="../models/activities/agenda.cpp" line="120"/>
        <source>Could not read the activities: %1</source>
        <translation>Die Aktivitäten konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../models/activities/agenda.cpp" line="151"/>
        <source>Could not read the deals: %1</source>
        <translation>Die Deals konnten nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>Converter</name>
    <message>
        <location filename="../models/conversion/converter.cpp" line="113"/>
        <source>There is no lead with id %1.</source>
        <translation>Es gibt keinen Lead mit der ID %1.</translation>
    </message>
    <message>
        <location filename="../models/conversion/converter.cpp" line="164"/>
        <source>Lead “%1” was already converted on %2.</source>
        <translation>Der Lead „%1“ wurde bereits am %2 konvertiert.</translation>
    </message>
    <message>
        <location filename="../models/conversion/converter.cpp" line="165"/>
        <source>Lead “%1” was already converted by %2 on %3.</source>
        <translation>Der Lead „%1“ wurde bereits am %3 von %2 konvertiert.</translation>
    </message>
    <message>
        <location filename="../models/conversion/converter.cpp" line="181"/>
        <source>The new %1 cannot be saved: %2</source>
        <translation>Der neue Datensatz (%1) kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location filename="../models/conversion/converter.cpp" line="197"/>
        <source>There is no %1 with id %2.</source>
        <translation>Es gibt keinen Datensatz vom Typ %1 mit der ID %2.</translation>
    </message>
    <message>
        <location filename="../models/conversion/converter.cpp" line="206"/>
        <source>%1 “%2” cannot be updated: %3</source>
        <translation>%1 „%2“ kann nicht aktualisiert werden: %3</translation>
    </message>
    <message>
        <location filename="../models/conversion/converter.cpp" line="327"/>
        <source>The lead was converted meanwhile.</source>
        <translation>Der Lead wurde inzwischen konvertiert.</translation>
    </message>
</context>
<context>
    <name>CorrectedCopy</name>
    <message>
        <source>Cannot open “%1”: %2</source>
        <translation type="vanished">„%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The file has no header.</source>
        <translation type="vanished">Die Datei hat keine Kopfzeile.</translation>
    </message>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation type="vanished">„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="vanished">Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="49"/>
        <source>Line %1 has bytes that are not valid %2 text: choose another encoding.</source>
        <translation>Zeile %1 enthält Bytes, die kein gültiger %2-Text sind: Wählen Sie eine andere Kodierung.</translation>
    </message>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="62"/>
        <source>Rapport cannot read the encoding “%1”.</source>
        <translation>Rapport kann die Kodierung „%1“ nicht lesen.</translation>
    </message>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="98"/>
        <source>Line %1 contains a NUL byte: this is not a text file, or not in the encoding %2.</source>
        <translation>Zeile %1 enthält ein NUL-Byte: Dies ist keine Textdatei oder nicht in der Kodierung %2.</translation>
    </message>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="100"/>
        <source>Line %1 contains a control character (0x%2): this is not a text file.</source>
        <translation>Zeile %1 enthält ein Steuerzeichen (0x%2): Dies ist keine Textdatei.</translation>
    </message>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="145"/>
        <source>The quoted value starting on line %1 is never closed (a quote character is missing).</source>
        <translation>Der in Zeile %1 beginnende Wert in Anführungszeichen wird nie geschlossen (ein Anführungszeichen fehlt).</translation>
    </message>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="174"/>
        <source>Line %1 has a value longer than %2 characters: this is probably not a CSV file, or a quote is missing.</source>
        <translation>Zeile %1 enthält einen Wert mit mehr als %2 Zeichen: Dies ist wahrscheinlich keine CSV-Datei, oder ein Anführungszeichen fehlt.</translation>
    </message>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="178"/>
        <source>The record starting on line %1 is too large: this is probably not a CSV file, or a quote is missing.</source>
        <translation>Der in Zeile %1 beginnende Datensatz ist zu groß: Dies ist wahrscheinlich keine CSV-Datei, oder ein Anführungszeichen fehlt.</translation>
    </message>
</context>
<context>
    <name>CsvSource</name>
    <message>
        <source>Cannot open “%1”: %2</source>
        <translation type="vanished">„%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>“%1” is empty.</source>
        <translation type="vanished">„%1“ ist leer.</translation>
    </message>
    <message>
        <source>“%1” has nothing in it but blank lines.</source>
        <translation type="vanished">„%1“ enthält nur Leerzeilen.</translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <location filename="../models/csv/csvwriter.cpp" line="155"/>
        <source>Could not write the file: %1</source>
        <translation>Die Datei konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../models/storage/database.cpp" line="82"/>
        <location filename="../models/storage/database.cpp" line="341"/>
        <source>“%1” is a folder, not a Rapport database.</source>
        <translation>„%1“ ist ein Ordner, keine Rapport-Datenbank.</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="84"/>
        <source>“%1” is not a Rapport database (it is not an SQLite file).</source>
        <translation>„%1“ ist keine Rapport-Datenbank (es ist keine SQLite-Datei).</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="87"/>
        <location filename="../models/storage/database.cpp" line="343"/>
        <source>Cannot create the folder “%1”.</source>
        <translation>Der Ordner „%1“ kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="122"/>
        <source>Could not keep a backup copy before upgrading the database: %1</source>
        <translation>Vor der Aktualisierung der Datenbank konnte keine Sicherungskopie angelegt werden: %1</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="162"/>
        <location filename="../models/storage/database.cpp" line="164"/>
        <location filename="../models/storage/database.cpp" line="194"/>
        <source>“%1” cannot be used: %2</source>
        <translation>„%1“ kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="138"/>
        <source>“%1” holds another program’s data, not a Rapport database.</source>
        <translation>„%1“ enthält Daten eines anderen Programms, keine Rapport-Datenbank.</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="141"/>
        <source>“%1” was made by a newer Rapport (schema %2; this version reads up to %3). Please update Rapport.</source>
        <translation>„%1“ wurde mit einer neueren Rapport-Version erstellt (Schema %2; diese Version liest bis Schema %3). Bitte aktualisieren Sie Rapport.</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="181"/>
        <location filename="../models/storage/database.cpp" line="185"/>
        <source>Upgrading “%1” failed, nothing was changed: %2</source>
        <translation>Die Aktualisierung von „%1“ ist fehlgeschlagen, es wurde nichts geändert: %2</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="289"/>
        <source>The %1 database driver is not installed.</source>
        <translation>Der Datenbanktreiber %1 ist nicht installiert.</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="299"/>
        <source>Cannot open “%1”: %2</source>
        <translation>„%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="321"/>
        <source>There is no open database to work on.</source>
        <translation>Es ist keine Datenbank geöffnet, mit der gearbeitet werden kann.</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="337"/>
        <source>A new database is a file; “%1” is a server.</source>
        <translation>Eine neue Datenbank ist eine Datei; „%1“ ist ein Server.</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="345"/>
        <source>“%1” is open in another Rapport window or program (such as rapport-cli), so it cannot be replaced by a new database. Close it there and try again; nothing was changed.</source>
        <translation>„%1“ ist in einem anderen Rapport-Fenster oder Programm (etwa rapport-cli) geöffnet und kann darum nicht durch eine neue Datenbank ersetzt werden. Schließen Sie sie dort und versuchen Sie es erneut; es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="353"/>
        <source>Cannot create a new database in “%1”: %2</source>
        <translation>In „%1“ kann keine neue Datenbank angelegt werden: %2</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="379"/>
        <source>“%1” cannot be replaced: %2</source>
        <translation>„%1“ kann nicht ersetzt werden: %2</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="381"/>
        <source>its files cannot be removed.</source>
        <translation>ihre Dateien können nicht entfernt werden.</translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="415"/>
        <source>The database cannot be opened.</source>
        <translation>Die Datenbank kann nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>DbWorker</name>
    <message>
        <source>The database cannot be opened a second time.</source>
        <translation type="vanished">Die Datenbank kann nicht ein zweites Mal geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <location filename="../models/transfer/exporter.cpp" line="168"/>
        <source>Only contacts can be written as vCards.</source>
        <translation>Nur Kontakte können als vCards geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../models/transfer/exporter.cpp" line="192"/>
        <source>%1 have no field “%2”.</source>
        <translation>%1 haben kein Feld „%2“.</translation>
    </message>
    <message>
        <location filename="../models/transfer/exporter.cpp" line="230"/>
        <location filename="../models/transfer/exporter.cpp" line="258"/>
        <source>Could not read the records: %1</source>
        <translation>Die Datensätze konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../models/transfer/exporter.cpp" line="240"/>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>FollowUp</name>
    <message>
        <location filename="../models/activities/followup.cpp" line="51"/>
        <source>There is no activity with id %1.</source>
        <translation>Es gibt keine Aktivität mit der ID %1.</translation>
    </message>
    <message>
        <location filename="../models/activities/followup.cpp" line="99"/>
        <source>“%1” is done already.</source>
        <translation>„%1“ ist bereits erledigt.</translation>
    </message>
</context>
<context>
    <name>ICalendarImport</name>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="298"/>
        <source>“%1” is not an iCalendar line.</source>
        <translation>„%1“ ist keine iCalendar-Zeile.</translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="313"/>
        <source>END:%1 closes nothing that was opened.</source>
        <translation>END:%1 schließt nichts, was geöffnet wurde.</translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="319"/>
        <source>This is not an iCalendar file (it does not begin with BEGIN:VCALENDAR).</source>
        <translation>Das ist keine iCalendar-Datei (sie beginnt nicht mit BEGIN:VCALENDAR).</translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="323"/>
        <source>The file ends before END:%1.</source>
        <translation>Die Datei endet vor END:%1.</translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="328"/>
        <source>The file could not be read as iCalendar.</source>
        <translation>Die Datei konnte nicht als iCalendar gelesen werden.</translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="349"/>
        <source>The event could not be read: %1</source>
        <translation>Der Termin konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="186"/>
        <source>Meeting</source>
        <translation>Besprechung</translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="190"/>
        <source>The event “%1” has no start (DTSTART).</source>
        <translation>Der Termin „%1“ hat keinen Beginn (DTSTART).</translation>
    </message>
</context>
<context>
    <name>ImportJournal</name>
    <message>
        <location filename="../models/transfer/importjournal.cpp" line="200"/>
        <source>%1 %2 was changed, or linked to other records, after the import; undoing it would lose that work.</source>
        <translation>%1 %2 wurde nach dem Import geändert oder mit anderen Datensätzen verknüpft; beim Rückgängigmachen ginge diese Arbeit verloren.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importjournal.cpp" line="211"/>
        <source>There is no import %1.</source>
        <translation>Es gibt keinen Import %1.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importjournal.cpp" line="215"/>
        <location filename="../models/transfer/importjournal.cpp" line="240"/>
        <source>Import %1 was already undone.</source>
        <translation>Import %1 wurde bereits rückgängig gemacht.</translation>
    </message>
</context>
<context>
    <name>ImportSource</name>
    <message>
        <location filename="../models/transfer/importsource.cpp" line="77"/>
        <source>There is no file “%1”.</source>
        <translation>Es gibt keine Datei „%1“.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importsource.cpp" line="79"/>
        <source>“%1” is empty.</source>
        <translation>„%1“ ist leer.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importsource.cpp" line="105"/>
        <location filename="../models/transfer/importsource.cpp" line="143"/>
        <source>Cannot open “%1”: %2</source>
        <translation>„%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../models/transfer/importsource.cpp" line="120"/>
        <source>“%1” has no sheets.</source>
        <translation>„%1“ hat keine Tabellenblätter.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importsource.cpp" line="130"/>
        <source>The sheet “%1” of “%2” is empty.</source>
        <translation>Das Tabellenblatt „%1“ von „%2“ ist leer.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importsource.cpp" line="152"/>
        <source>“%1” has nothing in it but blank lines.</source>
        <translation>„%1“ enthält nur leere Zeilen.</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>The mapping has %1 columns but the file has %2.</source>
        <translation type="vanished">Die Zuordnung hat %1 Spalten, die Datei aber %2.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="109"/>
        <source>No column of the file is for “%1”, which every %2 needs.</source>
        <translation>Keine Spalte der Datei ist dem Feld „%1“ zugeordnet, das jeder Datensatz vom Typ %2 benötigt.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="141"/>
        <location filename="../models/transfer/importer.cpp" line="290"/>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>Der Import wurde abgebrochen; es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>Line %1 has %2 values but the header has %3: the file is damaged or its delimiter is not “%4”.</source>
        <translation type="vanished">Zeile %1 hat %2 Werte, die Kopfzeile aber %3: Die Datei ist beschädigt oder ihr Trennzeichen ist nicht „%4“.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="102"/>
        <source>The mapping has %1 but the file has %2.</source>
        <translation>Die Zuordnung hat %1, die Datei aber %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/importer.cpp" line="103"/>
        <location filename="../models/transfer/importer.cpp" line="104"/>
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n Spalte</numerusform>
            <numerusform>%n Spalten</numerusform>
        </translation>
    </message>
    <message>
        <source>Line %1 has %2 but the header has %3: the file is damaged or its delimiter is not “%4”.</source>
        <translation type="vanished">Zeile %1 hat %2, die Kopfzeile aber %3: Die Datei ist beschädigt oder ihr Trennzeichen ist nicht „%4“.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="156"/>
        <source>The row has %1 but the header has %2.</source>
        <translation>Die Zeile hat %1, die Kopfzeile aber %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/importer.cpp" line="157"/>
        <location filename="../models/transfer/importer.cpp" line="158"/>
        <location filename="../models/transfer/importer.cpp" line="194"/>
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n Wert</numerusform>
            <numerusform>%n Werte</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="188"/>
        <location filename="../models/transfer/importer.cpp" line="395"/>
        <source>“%1” has a header but no rows to import.</source>
        <translation>„%1“ hat eine Kopfzeile, aber keine Zeilen zum Importieren.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="192"/>
        <source>No row has as many values as the header (%1): the file is damaged or its delimiter is not “%2”.</source>
        <translation>Keine Zeile hat so viele Werte wie die Kopfzeile (%1): Die Datei ist beschädigt oder ihr Trennzeichen ist nicht „%2“.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/importer.cpp" line="209"/>
        <source>%n row(s) repeat an earlier row of the file (same email or record id).</source>
        <translation>
            <numerusform>%n Zeile wiederholt eine frühere Zeile der Datei (gleiche E-Mail oder Datensatz-ID).</numerusform>
            <numerusform>%n Zeilen wiederholen eine frühere Zeile der Datei (gleiche E-Mail oder Datensatz-ID).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/importer.cpp" line="311"/>
        <source>%n record(s) already held the file&apos;s values and were left as they were.</source>
        <translation>
            <numerusform>%n Datensatz enthielt bereits die Werte der Datei und blieb unverändert.</numerusform>
            <numerusform>%n Datensätze enthielten bereits die Werte der Datei und blieben unverändert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/transfer/importwriter.cpp" line="193"/>
        <location filename="../models/transfer/rowfeed.cpp" line="73"/>
        <source>The file changed while it was being imported; nothing was imported.</source>
        <translation>Die Datei wurde während des Imports geändert; es wurde nichts importiert.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/importer.cpp" line="332"/>
        <source>%1: %n value(s) added to the list (such as “%2”).</source>
        <translation>
            <numerusform>%1: %n Wert in die Liste aufgenommen („%2“).</numerusform>
            <numerusform>%1: %n Werte in die Liste aufgenommen (z. B. „%2“).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/transfer/importwriter.cpp" line="157"/>
        <location filename="../models/transfer/importwriter.cpp" line="165"/>
        <source>Line %1: %2; nothing was imported.</source>
        <translation>Zeile %1: %2; es wurde nichts importiert.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importwriter.cpp" line="181"/>
        <location filename="../models/transfer/importwriter.cpp" line="255"/>
        <source>Line %1: %2 Nothing was imported.</source>
        <translation>Zeile %1: %2 Es wurde nichts importiert.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importwriter.cpp" line="258"/>
        <source>Line %1: %2 %3 was deleted during the import; nothing was imported.</source>
        <translation>Zeile %1: %2 %3 wurde während des Imports gelöscht; es wurde nichts importiert.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importwriter.cpp" line="294"/>
        <location filename="../models/transfer/importwriter.cpp" line="302"/>
        <location filename="../models/transfer/bulkinsert.cpp" line="129"/>
        <source>Line %1: the database refused the row (%2); nothing was imported.</source>
        <translation>Zeile %1: Die Datenbank hat die Zeile abgelehnt (%2); es wurde nichts importiert.</translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="362"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="362"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../models/transfer/bulkinsert.cpp" line="131"/>
        <source>Lines %1 to %2: the database refused a row (%3); nothing was imported.</source>
        <translation>Zeilen %1 bis %2: Die Datenbank hat eine Zeile abgelehnt (%3); es wurde nichts importiert.</translation>
    </message>
    <message>
        <location filename="../models/transfer/bulkinsert.cpp" line="159"/>
        <location filename="../models/transfer/bulkinsert.cpp" line="177"/>
        <source>The database did not say which records it made; nothing was imported.</source>
        <translation>Die Datenbank hat nicht gemeldet, welche Datensätze sie angelegt hat; es wurde nichts importiert.</translation>
    </message>
    <message>
        <location filename="../models/transfer/copyload.cpp" line="150"/>
        <source>the connection to the server was not ready for COPY</source>
        <translation>die Verbindung zum Server war für COPY nicht bereit</translation>
    </message>
</context>
<context>
    <name>LeadUnconversion</name>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="24"/>
        <source>Cannot unconvert</source>
        <translation>Konvertierung kann nicht rückgängig gemacht werden</translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="32"/>
        <source>Could not unconvert</source>
        <translation>Konvertierung konnte nicht rückgängig gemacht werden</translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="33"/>
        <source>Nothing was changed.

%1</source>
        <translation>Es wurde nichts geändert.

%1</translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="47"/>
        <source>Unconvert “%1”</source>
        <translation>Konvertierung von „%1“ rückgängig machen</translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="49"/>
        <source>The records this conversion made or changed were worked on since. Unconverting all of it would lose that work:</source>
        <translation>Die von dieser Konvertierung erstellten oder geänderten Datensätze wurden seitdem bearbeitet. Wenn alles rückgängig gemacht wird, geht diese Arbeit verloren:</translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="52"/>
        <source>&amp;Keep Later Work</source>
        <translation>Spätere Arbeit &amp;behalten</translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="53"/>
        <source>&amp;Undo Everything</source>
        <translation>Alles &amp;rückgängig machen</translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="54"/>
        <location filename="../ui/conversion/leadunconversion.cpp" line="68"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="63"/>
        <source>Make “%1” an active lead again?</source>
        <translation>„%1“ wieder zu einem aktiven Lead machen?</translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="67"/>
        <source>&amp;Unconvert</source>
        <translation>Konvertierung &amp;rückgängig machen</translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="82"/>
        <source>account “%1”</source>
        <translation>Firma „%1“</translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="84"/>
        <source>contact “%1”</source>
        <translation>Kontakt „%1“</translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="86"/>
        <source>deal “%1”</source>
        <translation>Deal „%1“</translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="89"/>
        <source>Deleted: %1.</source>
        <translation>Gelöscht: %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/leadunconversion.cpp" line="94"/>
        <source>%n field(s) on existing records get their earlier value back.</source>
        <translation>
            <numerusform>%n Feld in bestehenden Datensätzen erhält seinen früheren Wert zurück.</numerusform>
            <numerusform>%n Felder in bestehenden Datensätzen erhalten ihren früheren Wert zurück.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Matcher</name>
    <message>
        <location filename="../models/matching/matcher.cpp" line="82"/>
        <source>same name</source>
        <translation>gleicher Name</translation>
    </message>
    <message>
        <location filename="../models/matching/matcher.cpp" line="83"/>
        <source>similar name</source>
        <translation>ähnlicher Name</translation>
    </message>
    <message>
        <location filename="../models/matching/matcher.cpp" line="84"/>
        <source>same website domain</source>
        <translation>gleiche Website-Domain</translation>
    </message>
    <message>
        <location filename="../models/matching/matcher.cpp" line="85"/>
        <source>same email domain</source>
        <translation>gleiche E-Mail-Domain</translation>
    </message>
    <message>
        <location filename="../models/matching/matcher.cpp" line="86"/>
        <source>same email address</source>
        <translation>gleiche E-Mail-Adresse</translation>
    </message>
    <message>
        <location filename="../models/matching/matcher.cpp" line="87"/>
        <source>same phone number</source>
        <translation>gleiche Telefonnummer</translation>
    </message>
    <message>
        <location filename="../models/matching/matcher.cpp" line="88"/>
        <source>same name and account</source>
        <translation>gleicher Name und gleiche Firma</translation>
    </message>
</context>
<context>
    <name>OwnerAssignment</name>
    <message>
        <location filename="../models/storage/ownerassignment.cpp" line="26"/>
        <source>%1 have no owner.</source>
        <translation>%1 haben keine Zuständigen.</translation>
    </message>
    <message>
        <location filename="../models/storage/ownerassignment.cpp" line="38"/>
        <source>Choose the user to assign them to.</source>
        <translation>Wählen Sie den Benutzer, dem sie zugewiesen werden sollen.</translation>
    </message>
    <message>
        <location filename="../models/storage/ownerassignment.cpp" line="46"/>
        <source>There is no %1 with id %2; nobody was assigned anything.</source>
        <translation>Es gibt kein(e) %1 mit der ID %2; es wurde nichts zugewiesen.</translation>
    </message>
    <message>
        <location filename="../models/storage/ownerassignment.cpp" line="83"/>
        <source>%1 %2 was deleted since, so nothing was done.</source>
        <translation>%1 %2 wurde inzwischen gelöscht; es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../models/storage/ownerassignment.cpp" line="86"/>
        <source>The owner of %1 “%2” was changed since, so nothing was done; open it to see who has it.</source>
        <translation>Die Zuständigkeit für %1 „%2“ wurde inzwischen geändert; es wurde nichts geändert. Öffnen Sie den Datensatz, um zu sehen, wer zuständig ist.</translation>
    </message>
</context>
<context>
    <name>Picklists</name>
    <message>
        <location filename="../models/storage/picklists.cpp" line="151"/>
        <source>“%1” is one of Rapport&apos;s own values of %2 and stays on the list.</source>
        <translation>„%1“ ist ein fester Wert von Rapport für %2 und bleibt in der Liste.</translation>
    </message>
</context>
<context>
    <name>Pipeline</name>
    <message>
        <location filename="../models/pipeline/pipeline.cpp" line="63"/>
        <source>The probability of %1 must be between 0 and 100.</source>
        <translation>Die Wahrscheinlichkeit von %1 muss zwischen 0 und 100 liegen.</translation>
    </message>
    <message>
        <location filename="../models/pipeline/pipeline.cpp" line="65"/>
        <source>The days a deal may sit in %1 cannot be negative.</source>
        <translation>Die Tage, die ein Deal in %1 liegen darf, können nicht negativ sein.</translation>
    </message>
    <message>
        <location filename="../models/pipeline/pipeline.cpp" line="127"/>
        <source>There is no deal with id %1.</source>
        <translation>Es gibt keinen Deal mit der ID %1.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="125"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="126"/>
        <source>The new due date and time; Alt+Down opens a calendar.</source>
        <translation>Das neue Fälligkeitsdatum mit Uhrzeit; Alt+Pfeil nach unten öffnet einen Kalender.</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="128"/>
        <source>&amp;Due:</source>
        <translation>&amp;Fällig:</translation>
    </message>
</context>
<context>
    <name>Rapport</name>
    <message>
        <source>&amp;Go Back</source>
        <translation type="obsolete">&amp;Zurück</translation>
    </message>
    <message>
        <source>The deal was deleted meanwhile.</source>
        <translation type="obsolete">Der Deal wurde inzwischen gelöscht.</translation>
    </message>
    <message>
        <source>The deal&apos;s %1 was changed since, so this was not done; open the deal to see it.</source>
        <translation type="obsolete">%1 des Deals wurde seither geändert, darum geschah das nicht; öffnen Sie den Deal, um es zu sehen.</translation>
    </message>
</context>
<context>
    <name>Rapport::AssignOwnerCommand</name>
    <message>
        <location filename="../ui/records/assignownercommand.cpp" line="17"/>
        <source>Assign to %1</source>
        <translation>%1 zuweisen</translation>
    </message>
</context>
<context>
    <name>Rapport::AssignOwnerDialog</name>
    <message>
        <location filename="../ui/records/assignownerdialog.cpp" line="19"/>
        <source>Assign To</source>
        <translation>Zuweisen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/assignownerdialog.cpp" line="23"/>
        <source>New owner of the selected %1 (%n):</source>
        <translation>
            <numerusform>Zuständig für die Auswahl (%n %1):</numerusform>
            <numerusform>Zuständig für die Auswahl (%n %1):</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/records/assignownerdialog.cpp" line="29"/>
        <source>New owner</source>
        <translation>Neue(r) Zuständige(r)</translation>
    </message>
    <message>
        <location filename="../ui/records/assignownerdialog.cpp" line="34"/>
        <source>&amp;Assign</source>
        <translation>&amp;Zuweisen</translation>
    </message>
</context>
<context>
    <name>Rapport::Attendees</name>
    <message>
        <location filename="../models/activities/attendees.cpp" line="59"/>
        <source>Activity #%1 does not exist.</source>
        <translation>Aktivität #%1 gibt es nicht.</translation>
    </message>
    <message>
        <location filename="../models/activities/attendees.cpp" line="61"/>
        <source>Contact #%1 does not exist.</source>
        <translation>Kontakt #%1 gibt es nicht.</translation>
    </message>
</context>
<context>
    <name>Rapport::AttendeesPanel</name>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="20"/>
        <source>A&amp;ttendees</source>
        <translation>&amp;Teilnehmer</translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="23"/>
        <source>Attendees</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="24"/>
        <source>The contacts who attend; Enter opens the selected one.</source>
        <translation>Die Kontakte, die teilnehmen; Eingabe öffnet den ausgewählten.</translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="29"/>
        <source>Contact to add</source>
        <translation>Hinzuzufügender Kontakt</translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="30"/>
        <source>Type part of a contact&apos;s name, then Add.</source>
        <translation>Geben Sie einen Teil des Kontaktnamens ein, dann Hinzufügen.</translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="31"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="34"/>
        <source>Adds the contact picked beside it to the attendees.</source>
        <translation>Fügt den daneben gewählten Kontakt zu den Teilnehmern hinzu.</translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="35"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="38"/>
        <source>Takes the selected contact off the attendees.</source>
        <translation>Entfernt den ausgewählten Kontakt aus den Teilnehmern.</translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="65"/>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="81"/>
        <source>There is no one contact named “%1”; pick one from the list.</source>
        <translation>Es gibt nicht genau einen Kontakt namens „%1“; wählen Sie einen aus der Liste.</translation>
    </message>
</context>
<context>
    <name>Rapport::BoardTab</name>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="41"/>
        <source>Other stages</source>
        <translation>Andere Phasen</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="60"/>
        <location filename="../ui/pipeline/boardtab.cpp" line="62"/>
        <source>Search deals</source>
        <translation>Deals suchen</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="65"/>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="66"/>
        <source>Everyone&apos;s deals</source>
        <translation>Alle Deals</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="67"/>
        <source>My deals</source>
        <translation>Meine Deals</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="70"/>
        <source>Closing date</source>
        <translation>Abschlussdatum</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="71"/>
        <source>Any closing date</source>
        <translation>Jedes Abschlussdatum</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="72"/>
        <source>Closing this month</source>
        <translation>Abschluss diesen Monat</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="73"/>
        <source>Closing this quarter</source>
        <translation>Abschluss dieses Quartal</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="74"/>
        <source>Closing in the next 90 days</source>
        <translation>Abschluss in den nächsten 90 Tagen</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="75"/>
        <source>Past their closing date</source>
        <translation>Abschlussdatum überschritten</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="76"/>
        <source>&amp;Stages…</source>
        <translation>&amp;Phasen…</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="78"/>
        <source>Each stage&apos;s probability, and how long a deal may sit in it</source>
        <translation>Die Wahrscheinlichkeit jeder Phase und wie lange ein Deal darin liegen darf</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="170"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="250"/>
        <source>The board could not be read: %1</source>
        <translation>Die Pipeline konnte nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pipeline/boardtab.cpp" line="275"/>
        <source>Open: %n deal(s), %1, weighted %2</source>
        <translation>
            <numerusform>Offen: %n Deal, %1, gewichtet %2</numerusform>
            <numerusform>Offen: %n Deals, %1, gewichtet %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="289"/>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="292"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="293"/>
        <source>Total %1</source>
        <translation>Summe %1</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="294"/>
        <source>Weighted %1</source>
        <translation>Gewichtet %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pipeline/boardtab.cpp" line="297"/>
        <source>%1: %n deal(s)</source>
        <translation>
            <numerusform>%1: %n Deal</numerusform>
            <numerusform>%1: %n Deals</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="380"/>
        <source>Closed Won</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="381"/>
        <source>What won “%1”?</source>
        <translation>Was hat „%1“ gewonnen?</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="382"/>
        <location filename="../ui/pipeline/boardtab.cpp" line="387"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="382"/>
        <source>Product fit</source>
        <translation>Passendes Produkt</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="382"/>
        <source>Relationship</source>
        <translation>Beziehung</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="382"/>
        <location filename="../ui/pipeline/boardtab.cpp" line="388"/>
        <source>Timing</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="383"/>
        <source>Features</source>
        <translation>Funktionen</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="385"/>
        <source>Closed Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="386"/>
        <source>Why was “%1” lost?</source>
        <translation>Warum wurde „%1“ verloren?</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="387"/>
        <source>Went with a competitor</source>
        <translation>Zum Wettbewerb gegangen</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="387"/>
        <source>No budget</source>
        <translation>Kein Budget</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="388"/>
        <source>No decision</source>
        <translation>Keine Entscheidung</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="388"/>
        <source>Lost touch</source>
        <translation>Kontakt verloren</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="460"/>
        <source>Move deal</source>
        <translation>Deal verschieben</translation>
    </message>
</context>
<context>
    <name>Rapport::CardExporter</name>
    <message>
        <location filename="../models/transfer/cardexporter.cpp" line="53"/>
        <location filename="../models/transfer/cardexporter.cpp" line="75"/>
        <source>Could not read the contacts: %1</source>
        <translation>Die Kontakte konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../models/transfer/cardexporter.cpp" line="58"/>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>Rapport::CardModel</name>
    <message>
        <location filename="../ui/pipeline/cardmodel.cpp" line="30"/>
        <source>Overdue since %1</source>
        <translation>Überfällig seit %1</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/cardmodel.cpp" line="32"/>
        <source>Next step today</source>
        <translation>Nächster Schritt heute</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/cardmodel.cpp" line="34"/>
        <source>Next step planned</source>
        <translation>Nächster Schritt geplant</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/cardmodel.cpp" line="34"/>
        <source>Next step %1</source>
        <translation>Nächster Schritt %1</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/cardmodel.cpp" line="38"/>
        <source>No next step</source>
        <translation>Kein nächster Schritt</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/cardmodel.cpp" line="167"/>
        <source>closes %1</source>
        <translation>Abschluss %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pipeline/cardmodel.cpp" line="173"/>
        <source>going stale: %n day(s) in this stage</source>
        <translation>
            <numerusform>bleibt liegen: %n Tag in dieser Phase</numerusform>
            <numerusform>bleibt liegen: %n Tage in dieser Phase</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pipeline/cardmodel.cpp" line="231"/>
        <source>%n day(s) here</source>
        <translation>
            <numerusform>%n Tag hier</numerusform>
            <numerusform>%n Tage hier</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Rapport::Cli</name>
    <message>
        <location filename="../app/cli/cli.cpp" line="54"/>
        <source>print how many records the module shows</source>
        <translation>gibt aus, wie viele Datensätze das Modul anzeigt</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="60"/>
        <source>convert a lead into an account, a contact and a deal</source>
        <translation>konvertiert einen Lead in eine Firma, einen Kontakt und einen Deal</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="77"/>
        <source>undo a lead&apos;s conversion</source>
        <translation>macht die Konvertierung eines Leads rückgängig</translation>
    </message>
    <message>
        <source>fill the database with generated sample records</source>
        <translation type="vanished">füllt die Datenbank mit erzeugten Beispieldatensätzen</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="44"/>
        <source>the same quick search as the app.</source>
        <translation>dieselbe Schnellsuche wie in der Anwendung.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="46"/>
        <source>include converted leads.</source>
        <translation>konvertierte Leads einbeziehen.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="48"/>
        <source>a field (its label or column name) and its value; repeat it for more fields.</source>
        <translation>ein Feld (seine Bezeichnung oder sein Spaltenname) und sein Wert; für weitere Felder wiederholen.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="62"/>
        <source>“new”, or the id of an existing account (default: the one unambiguous match, else new).</source>
        <translation>„new“ oder die ID einer bestehenden Firma (Standard: der eine eindeutige Treffer, sonst neu).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="65"/>
        <source>“new”, or the id of a contact to merge into (default: the one unambiguous match, else new).</source>
        <translation>„new“ oder die ID eines Kontakts, mit dem zusammengeführt wird (Standard: der eine eindeutige Treffer, sonst neu).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="67"/>
        <source>make no account (B2C).</source>
        <translation>keine Firma anlegen (B2C).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="68"/>
        <source>make no deal.</source>
        <translation>keinen Deal anlegen.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="69"/>
        <source>the deal&apos;s name.</source>
        <translation>der Name des Deals.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="70"/>
        <source>the deal&apos;s amount.</source>
        <translation>der Betrag des Deals.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="71"/>
        <source>the deal&apos;s stage.</source>
        <translation>die Phase des Deals.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="73"/>
        <source>the deal&apos;s closing date.</source>
        <translation>das Abschlussdatum des Deals.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="79"/>
        <source>keep records edited, noted or linked since.</source>
        <translation>seitdem bearbeitete, mit Notizen versehene oder verknüpfte Datensätze behalten.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="81"/>
        <source>undo everything, losing what was done since.</source>
        <translation>alles rückgängig machen; was seitdem getan wurde, geht verloren.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="86"/>
        <source>fill the database with generated sample records, or write generated leads to a CSV file (- = standard output) without touching the database</source>
        <translation>füllt die Datenbank mit erzeugten Beispieldatensätzen oder schreibt erzeugte Leads in eine CSV-Datei (- = Standardausgabe), ohne die Datenbank anzurühren</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="89"/>
        <source>number of leads.</source>
        <translation>Anzahl der Leads.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="90"/>
        <source>number of contacts.</source>
        <translation>Anzahl der Kontakte.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="91"/>
        <source>number of accounts.</source>
        <translation>Anzahl der Firmen.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="92"/>
        <source>number of deals.</source>
        <translation>Anzahl der Deals.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="94"/>
        <source>number of tasks, calls, meetings and emails on them.</source>
        <translation>Anzahl der Aufgaben, Anrufe, Termine und E-Mails dazu.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="97"/>
        <source>the same seed makes the same records (default: 42).</source>
        <translation>derselbe Startwert ergibt dieselben Datensätze (Standard: 42).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="99"/>
        <source>write the leads to FILE as CSV instead (default: 200 leads).</source>
        <translation>die Leads stattdessen als CSV nach FILE schreiben (Standard: 200 Leads).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="102"/>
        <source>with --csv: zoho (First Name, …, the default) or plain (first_name, …) column names.</source>
        <translation>mit --csv: Spaltennamen wie zoho (First Name, …, Standard) oder plain (first_name, …).</translation>
    </message>
    <message>
        <source>import a CSV file into leads, contacts, accounts or deals</source>
        <translation type="vanished">importiert eine CSV-Datei in Leads, Kontakte, Firmen oder Deals</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="125"/>
        <source>skip, update or create records that already exist.</source>
        <translation>bereits vorhandene Datensätze überspringen, aktualisieren oder neu anlegen.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="127"/>
        <source>the file&apos;s encoding (auto, utf-8, utf-16, windows-1252, ...).</source>
        <translation>die Kodierung der Datei (auto, utf-8, utf-16, windows-1252, ...).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="129"/>
        <source>auto, “,”, “;”, tab or “|”.</source>
        <translation>auto, „,“, „;“, Tab oder „|“.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="131"/>
        <source>how to read 01/03/2026: auto, dmy or mdy.</source>
        <translation>wie 01/03/2026 gelesen wird: auto, dmy oder mdy.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="132"/>
        <source>check and report, write nothing.</source>
        <translation>prüfen und berichten, nichts schreiben.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="134"/>
        <source>keep unmatched columns as “Header: value” lines in Description.</source>
        <translation>nicht zugeordnete Spalten als Zeilen „Kopfzeile: Wert“ in der Beschreibung behalten.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="137"/>
        <source>write the rejected rows, with line and reason, to FILE.</source>
        <translation>die abgelehnten Zeilen mit Zeilennummer und Grund nach FILE schreiben.</translation>
    </message>
    <message>
        <source>write a module&apos;s records as CSV (- = standard output)</source>
        <translation type="vanished">schreibt die Datensätze eines Moduls als CSV (- = Standardausgabe)</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="111"/>
        <source>import a CSV file, an Excel workbook or vCards into leads, contacts, accounts or deals</source>
        <translation>importiert eine CSV-Datei, eine Excel-Arbeitsmappe oder vCards in Leads, Kontakte, Firmen oder Deals</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="114"/>
        <source>csv, xlsx or vcf (default: by the file&apos;s content and name).</source>
        <translation>csv, xlsx oder vcf (Standard: nach Inhalt und Name der Datei).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="116"/>
        <source>the workbook&apos;s sheet to read, 1 the first (default) or its name.</source>
        <translation>das zu lesende Tabellenblatt der Arbeitsmappe, 1 das erste (Standard), oder sein Name.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="119"/>
        <source>make the accounts (and deals&apos; contacts) the rows name that do not exist yet (the default).</source>
        <translation>legt die Firmen (und Kontakte von Deals) an, die die Zeilen nennen und die es noch nicht gibt (Standard).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="122"/>
        <source>reject the rows naming an account or contact that does not exist yet.</source>
        <translation>weist Zeilen zurück, die eine noch nicht vorhandene Firma oder einen solchen Kontakt nennen.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="143"/>
        <source>write a module&apos;s records as CSV, an Excel workbook (.xlsx) or vCards (.vcf, contacts) (- = standard output)</source>
        <translation>schreibt die Datensätze eines Moduls als CSV, Excel-Arbeitsmappe (.xlsx) oder vCards (.vcf, Kontakte) (- = Standardausgabe)</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="148"/>
        <source>csv, xlsx or vcf (default: by the file&apos;s name; csv for standard output).</source>
        <translation>csv, xlsx oder vcf (Standard: nach dem Dateinamen; csv für die Standardausgabe).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="151"/>
        <source>excel (formula guard and byte order mark) or plain (neither) for another program.</source>
        <translation>excel (Formelschutz und Byte-Reihenfolge-Markierung) oder plain (keins von beiden) für ein anderes Programm.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="154"/>
        <source>write cells exactly as stored (no &apos; before = + - @).</source>
        <translation>Zellen genau wie gespeichert schreiben (kein &apos; vor = + - @).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="155"/>
        <source>“,” or “;”.</source>
        <translation>„,“ oder „;“.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="157"/>
        <source>start the file with a byte order mark (for Excel).</source>
        <translation>die Datei mit einer Byte-Reihenfolge-Markierung (BOM) beginnen (für Excel).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="163"/>
        <source>schedule an activity on a record, or complete one with its next step</source>
        <translation>eine Aktivität zu einem Datensatz planen oder eine mit ihrem nächsten Schritt erledigen</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="165"/>
        <source>the record it is on, e.g. deals:5.</source>
        <translation>der Datensatz, zu dem sie gehört, z. B. deals:5.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="166"/>
        <source>what is to be done.</source>
        <translation>was zu tun ist.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="167"/>
        <source>task (default), call, meeting or email.</source>
        <translation>task (Voreinstellung), call, meeting oder email.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="168"/>
        <source>when it is due: 2026-12-31T14:30 (local time), …Z (UTC) or a date.</source>
        <translation>wann sie fällig ist: 2026-12-31T14:30 (Ortszeit), …Z (UTC) oder ein Datum.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="170"/>
        <source>when a meeting ends.</source>
        <translation>wann ein Termin endet.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="171"/>
        <source>whose it is (default: you).</source>
        <translation>wem sie gehört (Voreinstellung: Ihnen).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="172"/>
        <source>repeat it by an iCalendar rule, e.g. FREQ=WEEKLY;BYDAY=MO or FREQ=MONTHLY;BYDAY=3TU;COUNT=6.</source>
        <translation>nach einer iCalendar-Regel wiederholen, z. B. FREQ=WEEKLY;BYDAY=MO oder FREQ=MONTHLY;BYDAY=3TU;COUNT=6.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="175"/>
        <source>a call&apos;s outcome: connected, no answer, left voicemail, busy.</source>
        <translation>das Ergebnis eines Anrufs: connected, no answer, left voicemail, busy.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="177"/>
        <source>the next step, on the same records.</source>
        <translation>der nächste Schritt, zu denselben Datensätzen.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="178"/>
        <source>when the next step is due.</source>
        <translation>wann der nächste Schritt fällig ist.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="179"/>
        <source>there is no next step.</source>
        <translation>es gibt keinen nächsten Schritt.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="183"/>
        <source>what My Day shows: overdue, today, the next days, open deals with no next step</source>
        <translation>was „Mein Tag“ zeigt: Überfälliges, Heutiges, die nächsten Tage, offene Deals ohne nächsten Schritt</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="185"/>
        <location filename="../app/cli/cli.cpp" line="254"/>
        <source>me (default, with what nobody owns), all, or a name.</source>
        <translation>me (Voreinstellung, mit dem, was niemandem gehört), all oder ein Name.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="187"/>
        <source>how many days ahead (default: 7).</source>
        <translation>wie viele Tage voraus (Voreinstellung: 7).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="191"/>
        <source>create a record, checked as the form checks it; the likely duplicates are listed</source>
        <translation>einen Datensatz anlegen, geprüft wie im Formular; wahrscheinliche Dubletten werden genannt</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="197"/>
        <source>give records another owner, all in one step; a new name becomes a user</source>
        <translation>Datensätze in einem Schritt einem anderen Zuständigen zuweisen; ein neuer Name wird als Benutzer angelegt</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="199"/>
        <source>the user who owns them from now on (me: you).</source>
        <translation>der Benutzer, der von nun an zuständig ist (me: Sie selbst).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="204"/>
        <source>on a team server: whether reps may change only their own records (and unowned ones); an admin switches it on or off</source>
        <translation>auf einem Team-Server: ob Vertriebsmitarbeiter nur eigene (und niemandem zugewiesene) Datensätze ändern dürfen; ein Administrator schaltet es ein oder aus</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="211"/>
        <source>one record, every field, and its version</source>
        <translation>ein Datensatz mit jedem Feld und seiner Version</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="216"/>
        <source>change fields of a record; with --if-version, only if nobody changed it since</source>
        <translation>Felder eines Datensatzes ändern; mit --if-version nur, wenn ihn seither niemand geändert hat</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="219"/>
        <source>refuse (exit 4) if the record is no longer at version N.</source>
        <translation>ablehnen (Exit 4), wenn der Datensatz nicht mehr auf Version N ist.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="225"/>
        <source>the rows the tab shows, in its order</source>
        <translation>die Zeilen, die der Reiter zeigt, in seiner Reihenfolge</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="227"/>
        <source>the column to sort by (default: the name, as the tab).</source>
        <translation>die Spalte, nach der sortiert wird (Standard: der Name, wie im Reiter).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="229"/>
        <source>sort in descending order.</source>
        <translation>absteigend sortieren.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="230"/>
        <source>skip the first N rows.</source>
        <translation>die ersten N Zeilen überspringen.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="231"/>
        <source>at most N rows (default 100).</source>
        <translation>höchstens N Zeilen (Standard 100).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="232"/>
        <source>the columns to show (default: the tab&apos;s).</source>
        <translation>die anzuzeigenden Spalten (Standard: die des Reiters).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="234"/>
        <location filename="../app/cli/cli.cpp" line="248"/>
        <source>me, all (default) or a name.</source>
        <translation>me (ich), all (alle, Standard) oder ein Name.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="235"/>
        <source>do not count the rows.</source>
        <translation>die Zeilen nicht zählen.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="239"/>
        <source>the record&apos;s timeline, newest first: changes, notes, activities, conversion, imports</source>
        <translation>der Verlauf des Datensatzes, Neuestes zuerst: Änderungen, Notizen, Aktivitäten, Umwandlung, Importe</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="241"/>
        <source>at most N entries (default 100).</source>
        <translation>höchstens N Einträge (Standard 100).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="245"/>
        <source>the pipeline board&apos;s columns: each stage&apos;s count, total and weighted total</source>
        <translation>die Spalten der Pipeline: Anzahl, Summe und gewichtete Summe jeder Phase</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="252"/>
        <source>the activities as an iCalendar file for a calendar program (- for standard output)</source>
        <translation>die Aktivitäten als iCalendar-Datei für ein Kalenderprogramm (- für die Standardausgabe)</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="259"/>
        <source>meetings from an iCalendar file, each on the contact whose email is an attendee; all or nothing</source>
        <translation>Besprechungen aus einer iCalendar-Datei, jede beim Kontakt, dessen E-Mail-Adresse ein Teilnehmer hat; alles oder nichts</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="265"/>
        <source>list past imports: id, time, file, module, counts</source>
        <translation>listet frühere Importe auf: ID, Zeit, Datei, Modul, Anzahlen</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="270"/>
        <source>undo that import: remove what it created, restore what it updated</source>
        <translation>macht diesen Import rückgängig: entfernt, was er angelegt hat, und stellt wieder her, was er aktualisiert hat</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="330"/>
        <source>Rapport&apos;s command line: the desktop CRM without a window.</source>
        <translation>Die Kommandozeile von Rapport: das Desktop-CRM ohne Fenster.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="334"/>
        <source>Database file, or postgresql://USER[:PASS]@HOST[:PORT]/DBNAME.</source>
        <translation>Datenbankdatei oder postgresql://USER[:PASS]@HOST[:PORT]/DBNAME.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="335"/>
        <source>Print the result as one JSON object.</source>
        <translation>Gibt das Ergebnis als ein JSON-Objekt aus.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="338"/>
        <source>One of the commands below.</source>
        <translation>Einer der unten aufgeführten Befehle.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cli.cpp" line="539"/>
        <source>%n lead(s)</source>
        <translation>
            <numerusform>%n Lead</numerusform>
            <numerusform>%n Leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cli.cpp" line="540"/>
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n Kontakt</numerusform>
            <numerusform>%n Kontakte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cli.cpp" line="541"/>
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n Firma</numerusform>
            <numerusform>%n Firmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cli.cpp" line="542"/>
        <source>%n deal(s)</source>
        <translation>
            <numerusform>%n Deal</numerusform>
            <numerusform>%n Deals</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cli.cpp" line="543"/>
        <source>%n activity(-ies)</source>
        <translation>
            <numerusform>%n Aktivität</numerusform>
            <numerusform>%n Aktivitäten</numerusform>
        </translation>
    </message>
    <message>
        <source>count, export: the same quick search as the app.</source>
        <translation type="vanished">count, export: dieselbe Schnellsuche wie in der Anwendung.</translation>
    </message>
    <message>
        <source>count, export: include converted leads.</source>
        <translation type="vanished">count, export: konvertierte Leads einbeziehen.</translation>
    </message>
    <message>
        <source>count: the same quick search as the app.</source>
        <translation type="vanished">count: dieselbe Schnellsuche wie in der Anwendung.</translation>
    </message>
    <message>
        <source>count: include converted leads.</source>
        <translation type="vanished">count: konvertierte Leads einbeziehen.</translation>
    </message>
    <message>
        <source>demo: number of leads.</source>
        <translation type="vanished">demo: Anzahl der Leads.</translation>
    </message>
    <message>
        <source>demo: number of contacts.</source>
        <translation type="vanished">demo: Anzahl der Kontakte.</translation>
    </message>
    <message>
        <source>demo: number of accounts.</source>
        <translation type="vanished">demo: Anzahl der Firmen.</translation>
    </message>
    <message>
        <source>demo: number of deals.</source>
        <translation type="vanished">demo: Anzahl der Deals.</translation>
    </message>
    <message>
        <source>convert: “new”, or the id of an existing account (default: the one unambiguous match, else new).</source>
        <translation type="vanished">convert: „new“ oder die ID einer bestehenden Firma (Standard: der eine eindeutige Treffer, sonst neu).</translation>
    </message>
    <message>
        <source>convert: “new”, or the id of a contact to merge into (default: the one unambiguous match, else new).</source>
        <translation type="vanished">convert: „new“ oder die ID eines Kontakts, mit dem zusammengeführt wird (Standard: der eine eindeutige Treffer, sonst neu).</translation>
    </message>
    <message>
        <source>convert: make no account (B2C).</source>
        <translation type="vanished">convert: keine Firma anlegen (B2C).</translation>
    </message>
    <message>
        <source>convert: make no deal.</source>
        <translation type="vanished">convert: keinen Deal anlegen.</translation>
    </message>
    <message>
        <source>convert: the deal&apos;s name.</source>
        <translation type="vanished">convert: der Name des Deals.</translation>
    </message>
    <message>
        <source>convert: the deal&apos;s amount.</source>
        <translation type="vanished">convert: der Betrag des Deals.</translation>
    </message>
    <message>
        <source>convert: the deal&apos;s stage.</source>
        <translation type="vanished">convert: die Phase des Deals.</translation>
    </message>
    <message>
        <source>convert: the deal&apos;s closing date.</source>
        <translation type="vanished">convert: das Abschlussdatum des Deals.</translation>
    </message>
    <message>
        <source>unconvert: keep records edited, noted or linked since.</source>
        <translation type="vanished">unconvert: seitdem bearbeitete, mit Notizen versehene oder verknüpfte Datensätze behalten.</translation>
    </message>
    <message>
        <source>unconvert: undo everything, losing what was done since.</source>
        <translation type="vanished">unconvert: alles rückgängig machen, auch was seitdem getan wurde, geht verloren.</translation>
    </message>
    <message>
        <source>import: skip, update or create records that already exist.</source>
        <translation type="vanished">import: bereits vorhandene Datensätze überspringen, aktualisieren oder neu anlegen.</translation>
    </message>
    <message>
        <source>import: the file&apos;s encoding (auto, utf-8, utf-16, windows-1252, ...).</source>
        <translation type="vanished">import: die Kodierung der Datei (auto, utf-8, utf-16, windows-1252, ...).</translation>
    </message>
    <message>
        <source>import: auto, “,”, “;”, tab or “|”; export: “,” or “;”.</source>
        <translation type="vanished">import: auto, „,“, „;“, Tab oder „|“; export: „,“ oder „;“.</translation>
    </message>
    <message>
        <source>import: how to read 01/03/2026: auto, dmy or mdy.</source>
        <translation type="vanished">import: wie 01/03/2026 gelesen wird: auto, dmy oder mdy.</translation>
    </message>
    <message>
        <source>import: check and report, write nothing.</source>
        <translation type="vanished">import: prüfen und berichten, nichts schreiben.</translation>
    </message>
    <message>
        <source>import: keep unmatched columns as “Header: value” lines in Description.</source>
        <translation type="vanished">import: nicht zugeordnete Spalten als Zeilen „Kopfzeile: Wert“ in der Beschreibung behalten.</translation>
    </message>
    <message>
        <source>import: write the rejected rows, with line and reason, to FILE.</source>
        <translation type="vanished">import: die abgelehnten Zeilen mit Zeilennummer und Grund nach FILE schreiben.</translation>
    </message>
    <message>
        <source>export: write cells exactly as stored (no &apos; before = + - @).</source>
        <translation type="vanished">export: Zellen genau wie gespeichert schreiben (kein &apos; vor = + - @).</translation>
    </message>
    <message>
        <source>export: start the file with a byte order mark (for Excel).</source>
        <translation type="vanished">export: die Datei mit einer Byte-Reihenfolge-Markierung (BOM) beginnen (für Excel).</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="396"/>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="406"/>
        <source>“rapport-cli COMMAND --help” shows that command&apos;s options only.</source>
        <translation>„rapport-cli COMMAND --help“ zeigt nur die Optionen dieses Befehls.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="417"/>
        <source>Usage:</source>
        <translation>Aufruf:</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="433"/>
        <source>show this help.</source>
        <translation>diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="437"/>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="440"/>
        <source>Every command also takes --db PATH and --json; rapport-cli --help lists all commands.</source>
        <translation>Jeder Befehl versteht außerdem --db PATH und --json; rapport-cli --help listet alle Befehle auf.</translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="490"/>
        <source>unknown command “%1” (see --help)</source>
        <translation>unbekannter Befehl „%1“ (siehe --help)</translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="33"/>
        <location filename="../app/cli/clirecords.cpp" line="294"/>
        <source>--%1 takes a whole number ≥ 0, not “%2”</source>
        <translation>--%1 erwartet eine ganze Zahl ≥ 0, nicht „%2“</translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="49"/>
        <source>--seed takes a whole number from 0 to 4294967295, not “%1”</source>
        <translation>--seed erwartet eine ganze Zahl von 0 bis 4294967295, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="61"/>
        <source>demo --csv writes leads only: --%1 cannot be used with it</source>
        <translation>demo --csv schreibt nur Leads: --%1 kann damit nicht verwendet werden</translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="71"/>
        <source>--header takes zoho or plain, not “%1”</source>
        <translation>--header erwartet zoho oder plain, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="99"/>
        <source>Wrote %1 to %2 in %3 s.</source>
        <translation>%1 in %3 s nach %2 geschrieben.</translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="117"/>
        <source>--header goes with --csv FILE</source>
        <translation>--header gibt es nur zusammen mit --csv FILE</translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="130"/>
        <source>could not add the sample records: %1</source>
        <translation>die Beispieldatensätze konnten nicht hinzugefügt werden: %1</translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="136"/>
        <source>Added %1, %2, %3, %4 and %5 in %6 s.</source>
        <translation>%1, %2, %3, %4 und %5 in %6 s hinzugefügt.</translation>
    </message>
    <message>
        <source>Added %1, %2, %3 and %4 in %5 s.</source>
        <translation type="vanished">%1, %2, %3 und %4 in %5 s hinzugefügt.</translation>
    </message>
    <message>
        <source>Added %1 leads, %2 contacts, %3 accounts and %4 deals in %5 s.</source>
        <translation type="vanished">%1 Leads, %2 Kontakte, %3 Firmen und %4 Deals in %5 s hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="151"/>
        <source>usage: rapport-cli count MODULE (leads, contacts, accounts or deals)</source>
        <translation>Aufruf: rapport-cli count MODULE (leads, contacts, accounts oder deals)</translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="154"/>
        <location filename="../app/cli/cliimport.cpp" line="54"/>
        <location filename="../app/cli/cliexport.cpp" line="30"/>
        <source>unknown module “%1”: use leads, contacts, accounts or deals</source>
        <translation>unbekanntes Modul „%1“: verwenden Sie leads, contacts, accounts oder deals</translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="162"/>
        <source>could not count the records</source>
        <translation>die Datensätze konnten nicht gezählt werden</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="34"/>
        <source>usage: rapport-cli %1 LEAD_ID</source>
        <translation>Aufruf: rapport-cli %1 LEAD_ID</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="56"/>
        <source>--%1 takes “new” or a record id, not “%2”</source>
        <translation>--%1 erwartet „new“ oder eine Datensatz-ID, nicht „%2“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="61"/>
        <location filename="../app/cli/cliactivity.cpp" line="75"/>
        <location filename="../app/cli/clirecords.cpp" line="201"/>
        <location filename="../app/cli/clirecords.cpp" line="242"/>
        <location filename="../app/cli/clirecords.cpp" line="377"/>
        <source>there is no %1 with id %2</source>
        <translation>es gibt keinen Datensatz vom Typ %1 mit der ID %2</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="76"/>
        <source>--no-deal and --%1 cannot be used together</source>
        <translation>--no-deal und --%1 können nicht zusammen verwendet werden</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="91"/>
        <source>--amount takes a number, not “%1”</source>
        <translation>--amount erwartet eine Zahl, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="98"/>
        <source>--closing-date takes a date as YYYY-MM-DD, not “%1”</source>
        <translation>--closing-date erwartet ein Datum im Format YYYY-MM-DD, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="111"/>
        <source>--no-account and --account cannot be used together</source>
        <translation>--no-account und --account können nicht zusammen verwendet werden</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="159"/>
        <source>lead %1 was already converted at %2 (undo with: rapport-cli unconvert %1)</source>
        <translation>Lead %1 wurde bereits am %2 konvertiert (rückgängig machen mit: rapport-cli unconvert %1)</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="161"/>
        <source>lead %1 was already converted by %2 at %3 (undo with: rapport-cli unconvert %1)</source>
        <translation>Lead %1 wurde bereits am %3 von %2 konvertiert (rückgängig machen mit: rapport-cli unconvert %1)</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="175"/>
        <location filename="../app/cli/cliactivity.cpp" line="230"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="175"/>
        <source>%1 (new)</source>
        <translation>%1 (neu)</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="175"/>
        <source>%1 (existing)</source>
        <translation>%1 (vorhanden)</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="177"/>
        <source>Converted lead %1: account %2, contact %3, deal %4.</source>
        <translation>Lead %1 konvertiert: Firma %2, Kontakt %3, Deal %4.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="192"/>
        <source>there is no lead with id %1</source>
        <translation>es gibt keinen Lead mit der ID %1</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="156"/>
        <source>lead %1 is already converted (undo with: rapport-cli unconvert %1)</source>
        <translation>Lead %1 ist bereits konvertiert (rückgängig machen mit: rapport-cli unconvert %1)</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="210"/>
        <source>rapport-cli: note: kept on the converted lead only: %1</source>
        <translation>rapport-cli: Hinweis: nur im konvertierten Lead behalten: %1</translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="264"/>
        <source>--keep-edited and --discard cannot be used together</source>
        <translation>--keep-edited und --discard können nicht zusammen verwendet werden</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliconvert.cpp" line="275"/>
        <source>lead %1 was not unconverted: %n change(s) made since would be lost (see above); use --keep-edited or --discard</source>
        <translation>
            <numerusform>die Konvertierung von Lead %1 wurde nicht rückgängig gemacht: %n seitdem vorgenommene Änderung ginge verloren (siehe oben); verwenden Sie --keep-edited oder --discard</numerusform>
            <numerusform>die Konvertierung von Lead %1 wurde nicht rückgängig gemacht: %n seitdem vorgenommene Änderungen gingen verloren (siehe oben); verwenden Sie --keep-edited oder --discard</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="286"/>
        <source>Unconverted lead %1: %2, %3 kept, %4 restored.</source>
        <translation>Konvertierung von Lead %1 rückgängig gemacht: %2, %3 behalten, %4 wiederhergestellt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliconvert.cpp" line="288"/>
        <source>%n record(s) deleted</source>
        <translation>
            <numerusform>%n Datensatz gelöscht</numerusform>
            <numerusform>%n Datensätze gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>Unconverted lead %1: %2 record(s) deleted, %3 kept, %4 restored.</source>
        <translation type="vanished">Konvertierung von Lead %1 rückgängig gemacht: %2 Datensatz/Datensätze gelöscht, %3 behalten, %4 wiederhergestellt.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="40"/>
        <source>“%1” has no sheets to choose from</source>
        <translation>„%1“ hat keine Tabellenblätter zur Auswahl</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="41"/>
        <source>“%1” has no sheet “%2”; it has: %3</source>
        <translation>„%1“ hat kein Tabellenblatt „%2“; vorhanden sind: %3</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="50"/>
        <source>usage: rapport-cli import MODULE FILE (MODULE: leads, contacts, accounts or deals)</source>
        <translation>Aufruf: rapport-cli import MODULE FILE (MODULE: leads, contacts, accounts oder deals)</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="66"/>
        <source>--on-duplicate takes skip, update or create, not “%1”</source>
        <translation>--on-duplicate erwartet skip, update oder create, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="71"/>
        <source>unknown encoding “%1”</source>
        <translation>unbekannte Kodierung „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="77"/>
        <source>--delimiter takes auto, “,”, “;”, tab or “|”, not “%1”</source>
        <translation>--delimiter erwartet auto, „,“, „;“, tab oder „|“, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="83"/>
        <location filename="../app/cli/cliexport.cpp" line="53"/>
        <source>--format takes csv, xlsx or vcf, not “%1”</source>
        <translation>--format erwartet csv, xlsx oder vcf, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="87"/>
        <source>--create-missing and --no-create-missing exclude each other</source>
        <translation>--create-missing und --no-create-missing schließen einander aus</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="97"/>
        <source>--date-order takes auto, dmy or mdy, not “%1”</source>
        <translation>--date-order erwartet auto, dmy oder mdy, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="126"/>
        <location filename="../app/cli/cliimport.cpp" line="194"/>
        <source>%1 created, %2 updated, %3 skipped, %4 rejected</source>
        <translation>%1 angelegt, %2 aktualisiert, %3 übersprungen, %4 abgelehnt</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="129"/>
        <source>Dry run, nothing written: %1.</source>
        <translation>Probelauf, nichts geschrieben: %1.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="131"/>
        <source>Import %1: %2. Undo with: rapport-cli undo-import %1</source>
        <translation>Import %1: %2. Rückgängig machen mit: rapport-cli undo-import %1</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="134"/>
        <source>Nothing written: %1.</source>
        <translation>Nichts geschrieben: %1.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="136"/>
        <source>%1 to be made for the rows.</source>
        <translation>%1 würden für die Zeilen angelegt.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="136"/>
        <source>%1 made for the rows.</source>
        <translation>%1 für die Zeilen angelegt.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="141"/>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="143"/>
        <source>note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="164"/>
        <source>could not write the rejected rows to “%1”: %2</source>
        <translation>die abgelehnten Zeilen konnten nicht nach „%1“ geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliimport.cpp" line="169"/>
        <source>nothing to import: %n row(s) rejected, none accepted (first: line %1: %2)</source>
        <translation>
            <numerusform>nichts zu importieren: %n Zeile abgelehnt, keine angenommen (erste: Zeile %1: %2)</numerusform>
            <numerusform>nichts zu importieren: %n Zeilen abgelehnt, keine angenommen (erste: Zeile %1: %2)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="224"/>
        <source>Undid import %1: removed %2, restored %3.</source>
        <translation>Import %1 rückgängig gemacht: %2 entfernt, %3 wiederhergestellt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliimport.cpp" line="226"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n Datensatz</numerusform>
            <numerusform>%n Datensätze</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing to import: all %1 rows were rejected (first: line %2: %3)</source>
        <translation type="vanished">nichts zu importieren: alle %1 Zeilen wurden abgelehnt (erste: Zeile %2: %3)</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="179"/>
        <source>usage: rapport-cli imports</source>
        <translation>Aufruf: rapport-cli imports</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="196"/>
        <source> (undone)</source>
        <translation> (rückgängig gemacht)</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="206"/>
        <source>usage: rapport-cli undo-import IMPORT_ID (see rapport-cli imports)</source>
        <translation>Aufruf: rapport-cli undo-import IMPORT_ID (siehe rapport-cli imports)</translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="218"/>
        <source>could not undo import %1: %2</source>
        <translation>Import %1 konnte nicht rückgängig gemacht werden: %2</translation>
    </message>
    <message>
        <source>Undid import %1: removed %2 records, restored %3.</source>
        <translation type="vanished">Import %1 rückgängig gemacht: %2 Datensätze entfernt, %3 wiederhergestellt.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliexport.cpp" line="27"/>
        <source>usage: rapport-cli export MODULE FILE (“-” for standard output)</source>
        <translation>Aufruf: rapport-cli export MODULE FILE („-“ für die Standardausgabe)</translation>
    </message>
    <message>
        <location filename="../app/cli/cliexport.cpp" line="40"/>
        <source>--for takes excel or plain, not “%1”</source>
        <translation>--for erwartet excel oder plain, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliexport.cpp" line="47"/>
        <source>export writes “,” or “;” as delimiter, not “%1”</source>
        <translation>export schreibt „,“ oder „;“ als Trennzeichen, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliexport.cpp" line="57"/>
        <source>only contacts are written as vCards</source>
        <translation>nur Kontakte werden als vCards geschrieben</translation>
    </message>
    <message>
        <location filename="../app/cli/cliexport.cpp" line="82"/>
        <source>Exported %1 to %2.</source>
        <translation>%1 nach %2 exportiert.</translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="89"/>
        <location filename="../app/cli/clibasic.cpp" line="91"/>
        <location filename="../app/cli/clibasic.cpp" line="93"/>
        <location filename="../app/cli/cliexport.cpp" line="70"/>
        <location filename="../app/cli/cliexport.cpp" line="73"/>
        <location filename="../app/cli/cliactivity.cpp" line="255"/>
        <source>cannot write “%1”: %2</source>
        <translation>„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Exported %1 %2 to %3.</source>
        <translation type="vanished">%1 %2 nach %3 exportiert.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="37"/>
        <source>--%1 takes a date and time such as 2026-12-31T14:30, not “%2”</source>
        <translation>--%1 erwartet ein Datum mit Uhrzeit wie 2026-12-31T14:30, nicht „%2“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="62"/>
        <source>usage: activity add --on MODULE:ID --subject TEXT [--type task|call|meeting|email] [--due WHEN] [--end WHEN] [--owner NAME]</source>
        <translation>Aufruf: activity add --on MODULE:ID --subject TEXT [--type task|call|meeting|email] [--due WHEN] [--end WHEN] [--owner NAME]</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="70"/>
        <source>--on takes a record such as deals:5 or contacts:12</source>
        <translation>--on erwartet einen Datensatz wie deals:5 oder contacts:12</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="80"/>
        <source>--type is task, call, meeting or email, not “%1”</source>
        <translation>--type ist task, call, meeting oder email, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="97"/>
        <source>--repeat needs --due: the first time it is due</source>
        <translation>--repeat braucht --due: wann es zum ersten Mal fällig ist</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="106"/>
        <source>Activity %1 is on %2.</source>
        <translation>Aktivität %1 gehört zu %2.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="115"/>
        <source>usage: activity done ID [--outcome TEXT] [--next SUBJECT --next-due WHEN | --no-next]</source>
        <translation>Aufruf: activity done ID [--outcome TEXT] [--next SUBJECT --next-due WHEN | --no-next]</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="118"/>
        <source>--next and --no-next exclude each other</source>
        <translation>--next und --no-next schließen einander aus</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="121"/>
        <source>there is no activity with id %1</source>
        <translation>es gibt keine Aktivität mit der ID %1</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="125"/>
        <source>activity %1 is on an open deal or lead: give its next step (--next SUBJECT --next-due WHEN) or --no-next</source>
        <translation>Aktivität %1 gehört zu einem offenen Deal oder Lead: Geben Sie den nächsten Schritt an (--next SUBJECT --next-due WHEN) oder --no-next</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="150"/>
        <source>Activity %1 is done; it comes again as activity %2.</source>
        <translation>Aktivität %1 ist erledigt; sie kommt wieder als Aktivität %2.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="153"/>
        <source>Activity %1 is done; its next step is activity %2.</source>
        <translation>Aktivität %1 ist erledigt; ihr nächster Schritt ist Aktivität %2.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="156"/>
        <source>Activity %1 is done.</source>
        <translation>Aktivität %1 ist erledigt.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="179"/>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="198"/>
        <source>activity takes add or done, not “%1”</source>
        <translation>activity erwartet add oder done, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="204"/>
        <source>usage: today [--owner me|all|NAME] [--days N]</source>
        <translation>Aufruf: today [--owner me|all|NAME] [--days N]</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="211"/>
        <source>--days takes a whole number from 0 to 366, not “%1”</source>
        <translation>--days erwartet eine ganze Zahl von 0 bis 366, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="225"/>
        <source>Overdue:</source>
        <translation>Überfällig:</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="226"/>
        <source>Today:</source>
        <translation>Heute:</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="227"/>
        <source>Next days:</source>
        <translation>Die nächsten Tage:</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="228"/>
        <source>Open deals with no next step:</source>
        <translation>Offene Deals ohne nächsten Schritt:</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="239"/>
        <source>usage: export-ics FILE [--owner me|all|NAME]</source>
        <translation>Aufruf: export-ics DATEI [--owner me|all|NAME]</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="249"/>
        <source>could not write to standard output</source>
        <translation>konnte nicht auf die Standardausgabe schreiben</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="260"/>
        <source>Wrote %1 and %2 to %3.</source>
        <translation>%1 und %2 in %3 geschrieben.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliactivity.cpp" line="261"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n Termin</numerusform>
            <numerusform>%n Termine</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliactivity.cpp" line="262"/>
        <source>%n to-do(s)</source>
        <translation>
            <numerusform>%n Aufgabe</numerusform>
            <numerusform>%n Aufgaben</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="271"/>
        <source>usage: import-ics FILE</source>
        <translation>Aufruf: import-ics DATEI</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="274"/>
        <source>cannot read “%1”: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="286"/>
        <source>line %1: %2 Nothing was imported.</source>
        <translation>Zeile %1: %2 Es wurde nichts importiert.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="289"/>
        <source>Imported %1, %2 of them on a contact.</source>
        <translation>%1 importiert, davon %2 bei einem Kontakt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliactivity.cpp" line="290"/>
        <source>%n meeting(s)</source>
        <translation>
            <numerusform>%n Besprechung</numerusform>
            <numerusform>%n Besprechungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliactivity.cpp" line="294"/>
        <source>%n meeting(s) imported before brought up to date.</source>
        <translation>
            <numerusform>%n schon früher importierte Besprechung aktualisiert.</numerusform>
            <numerusform>%n schon früher importierte Besprechungen aktualisiert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="54"/>
        <location filename="../app/cli/cliowners.cpp" line="33"/>
        <source>unknown module “%1”: leads, contacts, accounts, deals or activities</source>
        <translation>unbekanntes Modul „%1“: leads, contacts, accounts, deals oder activities</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="93"/>
        <source>--set takes FIELD=VALUE, not “%1”</source>
        <translation>--set erwartet FELD=WERT, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="95"/>
        <location filename="../app/cli/clirecords.cpp" line="282"/>
        <location filename="../app/cli/clirecords.cpp" line="303"/>
        <source>a %1 has no field “%2”</source>
        <translation>%1 hat kein Feld „%2“</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="153"/>
        <source>usage: add MODULE --set FIELD=VALUE …</source>
        <translation>Aufruf: add MODUL --set FELD=WERT …</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="174"/>
        <source>Added %1 %2.</source>
        <translation>%1 %2 angelegt.</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="183"/>
        <source>similar: %1 %2 (%3)</source>
        <translation>ähnlich: %1 %2 (%3)</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="196"/>
        <source>usage: get MODULE ID</source>
        <translation>Aufruf: get MODUL ID</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="210"/>
        <source>%1 %2, version %3</source>
        <translation>%1 %2, Version %3</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="225"/>
        <source>usage: update MODULE ID --set FIELD=VALUE … [--if-version N]</source>
        <translation>Aufruf: update MODUL ID --set FELD=WERT … [--if-version N]</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="237"/>
        <source>--if-version takes a version number, not “%1”</source>
        <translation>--if-version erwartet eine Versionsnummer, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="254"/>
        <source>%1 %2 is at version %3.</source>
        <translation>%1 %2 ist auf Version %3.</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="261"/>
        <source>usage: list MODULE [--search TEXT] [--sort FIELD] [--desc] [--offset N] [--limit N] [--fields A,B,…] [--owner me|all|NAME]</source>
        <translation>Aufruf: list MODUL [--search TEXT] [--sort FELD] [--desc] [--offset N] [--limit N] [--fields A,B,…] [--owner me|all|NAME]</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="274"/>
        <location filename="../app/cli/cliowners.cpp" line="36"/>
        <source>%1 have no owner</source>
        <translation>%1 haben keine Zuständigen</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="365"/>
        <source>usage: timeline MODULE ID [--limit N]</source>
        <translation>Aufruf: timeline MODUL ID [--limit N]</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="373"/>
        <source>--limit takes a whole number &gt; 0, not “%1”</source>
        <translation>--limit erwartet eine ganze Zahl &gt; 0, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="413"/>
        <source>usage: board [--search TEXT] [--owner me|all|NAME]</source>
        <translation>Aufruf: board [--search TEXT] [--owner me|all|NAME]</translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="433"/>
        <source>(other stages)</source>
        <translation>(andere Phasen)</translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="28"/>
        <source>usage: assign MODULE --to NAME ID …</source>
        <translation>Aufruf: assign MODULE --to NAME ID …</translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="42"/>
        <source>“%1” is not a record id</source>
        <translation>„%1“ ist keine Datensatz-ID</translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="56"/>
        <source>Assigned %1 to %2.</source>
        <translation>%1 an %2 zugewiesen.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="64"/>
        <source>usage: own-records-only [on|off]</source>
        <translation>Aufruf: own-records-only [on|off]</translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="69"/>
        <source>only a database on a PostgreSQL server has this setting</source>
        <translation>diese Einstellung gibt es nur für eine Datenbank auf einem PostgreSQL-Server</translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="82"/>
        <source>Reps may change only their own records.</source>
        <translation>Vertriebsmitarbeiter dürfen nur eigene Datensätze ändern.</translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="83"/>
        <source>Reps may change every record.</source>
        <translation>Vertriebsmitarbeiter dürfen alle Datensätze ändern.</translation>
    </message>
</context>
<context>
    <name>Rapport::ConnectDialog</name>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="34"/>
        <source>Connect to Server</source>
        <translation>Mit Server verbinden</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="37"/>
        <source>Work on your team&apos;s database on a PostgreSQL server. Rapport sets the database up the first time.</source>
        <translation>Arbeiten Sie mit der Datenbank Ihres Teams auf einem PostgreSQL-Server. Rapport richtet die Datenbank beim ersten Mal ein.</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="43"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="44"/>
        <source>crm.example.com</source>
        <translation>crm.example.com</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="45"/>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="50"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="51"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="52"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="53"/>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="54"/>
        <source>Login name</source>
        <translation>Anmeldename</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="55"/>
        <source>&amp;Login:</source>
        <translation>&amp;Anmeldung:</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="56"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="58"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="59"/>
        <source>&amp;Keep the password in the desktop keyring</source>
        <translation>Passwort im Schlüsselbund des Desktops &amp;behalten</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="66"/>
        <source>Secure connection</source>
        <translation>Sichere Verbindung</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="67"/>
        <source>Required (TLS)</source>
        <translation>Erforderlich (TLS)</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="68"/>
        <source>Required, and the server&apos;s certificate checked</source>
        <translation>Erforderlich, mit Prüfung des Serverzertifikats</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="70"/>
        <source>Off (only on a network you trust)</source>
        <translation>Aus (nur in einem vertrauenswürdigen Netz)</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="73"/>
        <source>Se&amp;cure connection:</source>
        <translation>Si&amp;chere Verbindung:</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="75"/>
        <source>Certificate authority file</source>
        <translation>Datei der Zertifizierungsstelle</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="76"/>
        <source>the CA certificate, e.g. root.crt</source>
        <translation>das CA-Zertifikat, z. B. root.crt</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="78"/>
        <source>&amp;Browse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="80"/>
        <source>Choose the certificate authority file</source>
        <translation>Datei der Zertifizierungsstelle wählen</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="82"/>
        <source>Certificate &amp;authority:</source>
        <translation>&amp;Zertifizierungsstelle:</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="97"/>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="179"/>
        <source>Certificate Authority</source>
        <translation>Zertifizierungsstelle</translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="180"/>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>Zertifikate (*.crt *.pem *.cer);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>Rapport::ConnectionNotice</name>
    <message>
        <location filename="../ui/window/connectionnotice.cpp" line="18"/>
        <source>Connection to %1 lost — reconnecting… Open forms keep your edits; nothing is saved until the connection is back.</source>
        <translation>Verbindung zu %1 unterbrochen – Verbindung wird wiederhergestellt … Geöffnete Formulare behalten Ihre Änderungen; gespeichert wird erst wieder, wenn die Verbindung besteht.</translation>
    </message>
    <message>
        <location filename="../ui/window/connectionnotice.cpp" line="22"/>
        <source>The database file %1 is gone (deleted or moved away): nothing can be saved until it is back. Open forms keep your edits.</source>
        <translation>Die Datenbankdatei %1 ist nicht mehr vorhanden (gelöscht oder verschoben): Bis sie wieder da ist, kann nichts gespeichert werden. Geöffnete Formulare behalten Ihre Änderungen.</translation>
    </message>
    <message>
        <location filename="../ui/window/connectionnotice.cpp" line="29"/>
        <source>Reconnected to %1.</source>
        <translation>Verbindung zu %1 wiederhergestellt.</translation>
    </message>
</context>
<context>
    <name>Rapport::ConnectionWatch</name>
    <message>
        <location filename="../models/storage/connectionwatch.cpp" line="138"/>
        <source>The connection to %1 is lost, so nothing was written. Rapport is reconnecting; please try again in a moment.</source>
        <translation>Die Verbindung zu %1 ist unterbrochen, daher wurde nichts gespeichert. Rapport stellt die Verbindung wieder her; bitte versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../models/storage/connectionwatch.cpp" line="140"/>
        <source>the database</source>
        <translation>der Datenbank</translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionAccountPage</name>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="33"/>
        <source>&amp;Create a new account named:</source>
        <translation>&amp;Neue Firma anlegen mit dem Namen:</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="35"/>
        <source>&amp;Link to an existing account:</source>
        <translation>Mit einer &amp;bestehenden Firma verknüpfen:</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="39"/>
        <source>N&amp;o account (a consumer, B2C)</source>
        <translation>K&amp;eine Firma (Privatkunde, B2C)</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="42"/>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="53"/>
        <source>Account</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="43"/>
        <source>Which company does this person belong to?</source>
        <translation>Zu welchem Unternehmen gehört diese Person?</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="53"/>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="53"/>
        <source>Why it matches</source>
        <translation>Grund für den Treffer</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="66"/>
        <source>Or &amp;another account:</source>
        <translation>Oder eine &amp;andere Firma:</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="136"/>
        <source>This lead has no company, so it converts to a contact without an account.</source>
        <translation>Dieser Lead hat kein Unternehmen und wird daher in einen Kontakt ohne Firma konvertiert.</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="141"/>
        <source>“%1” matches this lead exactly and is selected. Check it before you continue, or choose another option.</source>
        <translation>„%1“ stimmt genau mit diesem Lead überein und ist ausgewählt. Prüfen Sie die Auswahl, bevor Sie fortfahren, oder wählen Sie eine andere Option.</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="146"/>
        <source>No existing account matches this lead.</source>
        <translation>Keine bestehende Firma passt zu diesem Lead.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="147"/>
        <source>%n existing account(s) might be this company; link to one instead of creating a duplicate.</source>
        <translation>
            <numerusform>%n bestehende Firma könnte dieses Unternehmen sein; verknüpfen Sie den Lead damit, statt ein Duplikat anzulegen.</numerusform>
            <numerusform>%n bestehende Firmen könnten dieses Unternehmen sein; verknüpfen Sie den Lead mit einer davon, statt ein Duplikat anzulegen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionActions</name>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="27"/>
        <source>&amp;Convert Lead…</source>
        <translation>Lead &amp;konvertieren…</translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="30"/>
        <source>&amp;Unconvert Lead…</source>
        <translation>Konvertierung &amp;rückgängig machen…</translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="34"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="35"/>
        <source>Convert the selected leads into accounts, contacts and deals (Ctrl+Shift+C)</source>
        <translation>Die ausgewählten Leads in Firmen, Kontakte und Deals konvertieren (Strg+Umschalt+C)</translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="98"/>
        <source>Cannot convert</source>
        <translation>Konvertieren nicht möglich</translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="120"/>
        <source>the new account %1</source>
        <translation>die neue Firma %1</translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="120"/>
        <source>the account %1</source>
        <translation>die Firma %1</translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="123"/>
        <source>the new contact %1</source>
        <translation>den neuen Kontakt %1</translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="123"/>
        <source>the contact %1</source>
        <translation>den Kontakt %1</translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="126"/>
        <source>the new deal %1</source>
        <translation>den neuen Deal %1</translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="127"/>
        <source>“%1” was converted into %2. Edit › Undo takes it back.</source>
        <translation>„%1“ wurde umgewandelt in %2. Bearbeiten › Rückgängig nimmt es zurück.</translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionContactPage</name>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="19"/>
        <source>&amp;Create a new contact</source>
        <translation>&amp;Neuen Kontakt anlegen</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="20"/>
        <source>&amp;Merge into an existing contact:</source>
        <translation>Mit einem bestehenden Kontakt &amp;zusammenführen:</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="25"/>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="33"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="26"/>
        <source>Is this person already one of your contacts?</source>
        <translation>Ist diese Person bereits einer Ihrer Kontakte?</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="33"/>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="33"/>
        <source>Why it matches</source>
        <translation>Grund für den Treffer</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="99"/>
        <source>“%1” has the same email address and is selected: the lead is merged into it. Check the fields below, or create a new contact.</source>
        <translation>„%1“ hat dieselbe E-Mail-Adresse und ist ausgewählt: Der Lead wird damit zusammengeführt. Prüfen Sie die Felder unten, oder legen Sie einen neuen Kontakt an.</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="105"/>
        <source>No existing contact matches this lead.</source>
        <translation>Kein bestehender Kontakt passt zu diesem Lead.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="106"/>
        <source>%n existing contact(s) might be this person.</source>
        <translation>
            <numerusform>%n bestehender Kontakt könnte diese Person sein.</numerusform>
            <numerusform>%n bestehende Kontakte könnten diese Person sein.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionDealPage</name>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="14"/>
        <source>Create a &amp;deal for this lead</source>
        <translation>Einen &amp;Deal für diesen Lead anlegen</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="20"/>
        <source>Deal</source>
        <translation>Deal</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="21"/>
        <source>Is there revenue to pursue with this lead right now?</source>
        <translation>Gibt es mit diesem Lead jetzt einen Umsatz, den Sie verfolgen möchten?</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="28"/>
        <source>No amount</source>
        <translation>Kein Betrag</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="43"/>
        <source>Deal &amp;name:</source>
        <translation>Deal-&amp;Name:</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="44"/>
        <source>&amp;Amount:</source>
        <translation>&amp;Betrag:</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="45"/>
        <source>&amp;Stage:</source>
        <translation>&amp;Phase:</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="46"/>
        <source>C&amp;losing date:</source>
        <translation>&amp;Abschlussdatum:</translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionLinks</name>
    <message>
        <location filename="../ui/records/conversionlinks.cpp" line="27"/>
        <source>Converted on %1 into:</source>
        <translation>Am %1 konvertiert in:</translation>
    </message>
    <message>
        <location filename="../ui/records/conversionlinks.cpp" line="53"/>
        <source>%1 (deleted)</source>
        <translation>%1 (gelöscht)</translation>
    </message>
    <message>
        <location filename="../ui/records/conversionlinks.cpp" line="54"/>
        <source>%1 “%2”</source>
        <translation>%1 „%2“</translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionMappingPage</name>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="34"/>
        <source>&amp;Save as Team Default</source>
        <translation>Als &amp;Team-Standard speichern</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="37"/>
        <source>Field Mapping</source>
        <translation>Feldzuordnung</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="38"/>
        <source>Where each of the lead&apos;s fields goes. Fields that go nowhere are lost.</source>
        <translation>Wohin jedes Feld des Leads übernommen wird. Felder ohne Ziel gehen verloren.</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="46"/>
        <source>Lead field</source>
        <translation>Lead-Feld</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="46"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="46"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="47"/>
        <source>Account</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="47"/>
        <source>Deal</source>
        <translation>Deal</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="47"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="145"/>
        <source>Dropped: mapped nowhere</source>
        <translation>Verworfen: nirgends zugeordnet</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="146"/>
        <source>Dropped: no account or deal is made for it</source>
        <translation>Verworfen: dafür wird keine Firma bzw. kein Deal angelegt</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="154"/>
        <source>Every field with a value is carried over.</source>
        <translation>Jedes Feld mit einem Wert wird übernommen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="155"/>
        <source>%n field(s) with a value would be dropped: %1</source>
        <translation>
            <numerusform>%n Feld mit einem Wert würde verworfen: %1</numerusform>
            <numerusform>%n Felder mit einem Wert würden verworfen: %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="163"/>
        <source>Could not save the mapping</source>
        <translation>Die Zuordnung konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="166"/>
        <source>Saved: conversions by everyone on this database start from this mapping.</source>
        <translation>Gespeichert: Konvertierungen aller Benutzer dieser Datenbank beginnen mit dieser Zuordnung.</translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionQueueDialog</name>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="31"/>
        <source>Convert %n Lead(s)</source>
        <translation>
            <numerusform>%n Lead konvertieren</numerusform>
            <numerusform>%n Leads konvertieren</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="33"/>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="33"/>
        <source>Suggestion</source>
        <translation>Vorschlag</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="33"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="42"/>
        <source>&amp;Accept Suggestion</source>
        <translation>Vorschlag &amp;übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="45"/>
        <source>Open &amp;Wizard…</source>
        <translation>&amp;Assistent öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="47"/>
        <source>S&amp;kip</source>
        <translation>Ü&amp;berspringen</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="49"/>
        <source>&amp;Finish</source>
        <translation>&amp;Fertigstellen</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="121"/>
        <source>The lead no longer exists.</source>
        <translation>Der Lead existiert nicht mehr.</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="123"/>
        <source>Converted already.</source>
        <translation>Bereits konvertiert.</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="159"/>
        <source>no account</source>
        <translation>keine Firma</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="162"/>
        <source>new account “%1”</source>
        <translation>neue Firma „%1“</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="165"/>
        <source>existing account “%1” (exact match)</source>
        <translation>bestehende Firma „%1“ (genauer Treffer)</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="171"/>
        <source>merge into contact “%1” (same email)</source>
        <translation>mit Kontakt „%1“ zusammenführen (gleiche E-Mail)</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="170"/>
        <source>new contact</source>
        <translation>neuer Kontakt</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="100"/>
        <source>Finding matches…</source>
        <translation>Suche nach Treffern…</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="166"/>
        <source>existing account “%1”</source>
        <translation>bestehende Firma „%1“</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="173"/>
        <source>merge into contact “%1”</source>
        <translation>mit Kontakt „%1“ zusammenführen</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="176"/>
        <source>deal “%1”</source>
        <translation>Deal „%1“</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="188"/>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="189"/>
        <source>Converted</source>
        <translation>Konvertiert</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="190"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="190"/>
        <source>Skipped: %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="191"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="241"/>
        <source>Cannot convert</source>
        <translation>Konvertieren nicht möglich</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="294"/>
        <source>Finding matches for this lead…</source>
        <translation>Treffer für diesen Lead werden gesucht…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="295"/>
        <source>%n lead(s) still to convert.</source>
        <translation>
            <numerusform>%n Lead muss noch konvertiert werden.</numerusform>
            <numerusform>%n Leads müssen noch konvertiert werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="306"/>
        <source>Converted %n lead(s).</source>
        <translation>
            <numerusform>%n Lead konvertiert.</numerusform>
            <numerusform>%n Leads konvertiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="307"/>
        <source>Skipped %n.</source>
        <translation>
            <numerusform>%n übersprungen.</numerusform>
            <numerusform>%n übersprungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="309"/>
        <source>%n failed.</source>
        <translation>
            <numerusform>%n fehlgeschlagen.</numerusform>
            <numerusform>%n fehlgeschlagen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="324"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="327"/>
        <source>Conversion Report</source>
        <translation>Konvertierungsbericht</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="330"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionSummaryPage</name>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="23"/>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="27"/>
        <source>the new %1</source>
        <translation>%1 (neu)</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="47"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="48"/>
        <source>Nothing is written until you press Convert. Convert can be undone.</source>
        <translation>Es wird nichts geschrieben, bis Sie auf „Konvertieren“ klicken. Die Konvertierung kann rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="76"/>
        <source>This conversion cannot be made: %1</source>
        <translation>Diese Konvertierung ist nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="91"/>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="96"/>
        <source>New %1 “%2”</source>
        <translation>Neu: %1 „%2“</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="101"/>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="158"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="107"/>
        <source>The lead is marked converted; its notes show on the contact and the deal.</source>
        <translation>Der Lead wird als konvertiert markiert; seine Notizen erscheinen beim Kontakt und beim Deal.</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="115"/>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="118"/>
        <source>%1 “%2”</source>
        <translation>%1 „%2“</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="125"/>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="136"/>
        <source>Linked</source>
        <translation>Verknüpft</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="139"/>
        <source>No account: the contact stands alone.</source>
        <translation>Keine Firma: Der Kontakt steht für sich allein.</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="141"/>
        <source>Existing account “%1”</source>
        <translation>Bestehende Firma „%1“</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="144"/>
        <source>Existing contact “%1”</source>
        <translation>Bestehender Kontakt „%1“</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="155"/>
        <source>Not carried over</source>
        <translation>Nicht übernommen</translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionWizard</name>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="28"/>
        <source>This lead no longer exists; it may have been deleted.</source>
        <translation>Dieser Lead existiert nicht mehr; möglicherweise wurde er gelöscht.</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="33"/>
        <source>“%1” was converted already. Unconvert it first to convert it again.</source>
        <translation>„%1“ wurde bereits konvertiert. Machen Sie die Konvertierung zuerst rückgängig, um den Lead erneut zu konvertieren.</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="36"/>
        <source>Convert Lead “%1”</source>
        <translation>Lead „%1“ konvertieren</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="39"/>
        <source>&amp;Convert</source>
        <translation>&amp;Konvertieren</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="87"/>
        <source>Cannot convert</source>
        <translation>Konvertieren nicht möglich</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="95"/>
        <source>Conversion failed</source>
        <translation>Konvertierung fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="96"/>
        <source>Nothing was changed; the lead is as it was.

%1</source>
        <translation>Es wurde nichts geändert; der Lead ist unverändert.

%1</translation>
    </message>
</context>
<context>
    <name>Rapport::ConvertLeadCommand</name>
    <message>
        <location filename="../ui/conversion/convertleadcommand.cpp" line="22"/>
        <source>Convert “%1”</source>
        <translation>„%1“ konvertieren</translation>
    </message>
    <message>
        <location filename="../ui/conversion/convertleadcommand.cpp" line="45"/>
        <source>Could not convert again</source>
        <translation>Erneutes Konvertieren fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Rapport::ConvertedLeads</name>
    <message>
        <location filename="../models/transfer/convertedleads.cpp" line="55"/>
        <source>Converted: “%1” is not a date and time.</source>
        <translation>Konvertiert: „%1“ ist kein Datum mit Uhrzeit.</translation>
    </message>
</context>
<context>
    <name>Rapport::CsvActions</name>
    <message>
        <location filename="../ui/window/csvactions.cpp" line="28"/>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <location filename="../ui/window/csvactions.cpp" line="31"/>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <location filename="../ui/window/csvactions.cpp" line="39"/>
        <source>Import &amp;History…</source>
        <translation>Import&amp;verlauf…</translation>
    </message>
    <message>
        <location filename="../ui/window/csvactions.cpp" line="43"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
</context>
<context>
    <name>Rapport::DateLineEdit</name>
    <message>
        <location filename="../ui/records/datelineedit.cpp" line="20"/>
        <source>Pick a date from the calendar (Alt+Down)</source>
        <translation>Datum aus dem Kalender wählen (Alt+Pfeil nach unten)</translation>
    </message>
</context>
<context>
    <name>Rapport::DeleteConfirmation</name>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="38"/>
        <source>Delete %n lead(s)?</source>
        <translation>
            <numerusform>%n Lead löschen?</numerusform>
            <numerusform>%n Leads löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="39"/>
        <source>Delete %n contact(s)?</source>
        <translation>
            <numerusform>%n Kontakt löschen?</numerusform>
            <numerusform>%n Kontakte löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="40"/>
        <source>Delete %n account(s)?</source>
        <translation>
            <numerusform>%n Firma löschen?</numerusform>
            <numerusform>%n Firmen löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="41"/>
        <source>Delete %n deal(s)?</source>
        <translation>
            <numerusform>%n Deal löschen?</numerusform>
            <numerusform>%n Deals löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="42"/>
        <source>Delete %n activity(-ies)?</source>
        <translation>
            <numerusform>%n Aktivität löschen?</numerusform>
            <numerusform>%n Aktivitäten löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="50"/>
        <source>Deleting %n lead(s)…</source>
        <translation>
            <numerusform>%n Lead wird gelöscht …</numerusform>
            <numerusform>%n Leads werden gelöscht …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="51"/>
        <source>Deleting %n contact(s)…</source>
        <translation>
            <numerusform>%n Kontakt wird gelöscht …</numerusform>
            <numerusform>%n Kontakte werden gelöscht …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="52"/>
        <source>Deleting %n account(s)…</source>
        <translation>
            <numerusform>%n Firma wird gelöscht …</numerusform>
            <numerusform>%n Firmen werden gelöscht …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="53"/>
        <source>Deleting %n deal(s)…</source>
        <translation>
            <numerusform>%n Geschäft wird gelöscht …</numerusform>
            <numerusform>%n Geschäfte werden gelöscht …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="54"/>
        <source>Deleting %n activity(-ies)…</source>
        <translation>
            <numerusform>%n Aktivität wird gelöscht…</numerusform>
            <numerusform>%n Aktivitäten werden gelöscht…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="61"/>
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n Kontakt</numerusform>
            <numerusform>%n Kontakte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="62"/>
        <source>%n deal(s)</source>
        <translation>
            <numerusform>%n Deal</numerusform>
            <numerusform>%n Deals</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="64"/>
        <source>This account still has %1 and %2.</source>
        <translation>Diese Firma hat noch %1 und %2.</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="65"/>
        <source>These accounts still have %1 and %2.</source>
        <translation>Diese Firmen haben noch %1 und %2.</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="68"/>
        <source>This account still has %1.</source>
        <translation>Diese Firma hat noch %1.</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="69"/>
        <source>These accounts still have %1.</source>
        <translation>Diese Firmen haben noch %1.</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="70"/>
        <source>This contact still has %1.</source>
        <translation>Dieser Kontakt hat noch %1.</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="71"/>
        <source>These contacts still have %1.</source>
        <translation>Diese Kontakte haben noch %1.</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="77"/>
        <location filename="../ui/records/deleteconfirmation.cpp" line="187"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="81"/>
        <source>%n activity(-ies) on them will be deleted too, unless also on another record.</source>
        <translation>
            <numerusform>%n Aktivität dazu wird mitgelöscht, sofern sie nicht auch zu einem anderen Datensatz gehört.</numerusform>
            <numerusform>%n Aktivitäten dazu werden mitgelöscht, sofern sie nicht auch zu einem anderen Datensatz gehören.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="84"/>
        <source>This cannot be undone.</source>
        <translation>Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="85"/>
        <source>%1 This cannot be undone.</source>
        <translation>%1 Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="86"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="87"/>
        <location filename="../ui/records/deleteconfirmation.cpp" line="105"/>
        <location filename="../ui/records/deleteconfirmation.cpp" line="185"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="97"/>
        <source>Delete with its contacts and deals</source>
        <translation>Mit ihren Kontakten und Deals löschen</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="98"/>
        <source>Delete with their contacts and deals</source>
        <translation>Mit ihren Kontakten und Deals löschen</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="100"/>
        <source>Keep them, without account</source>
        <translation>Kontakte und Deals behalten (ohne Firma)</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="102"/>
        <source>Delete the deals too</source>
        <translation>Deals ebenfalls löschen</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="103"/>
        <source>Keep the deals, without contact</source>
        <translation>Deals behalten (ohne Kontakt)</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="128"/>
        <source>Looking for records that depend on them…</source>
        <translation>Abhängige Datensätze werden gesucht …</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="144"/>
        <location filename="../ui/records/deleteconfirmation.cpp" line="178"/>
        <source>Could not delete</source>
        <translation>Löschen fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="144"/>
        <location filename="../ui/records/deleteconfirmation.cpp" line="178"/>
        <source>Nothing was deleted: %1</source>
        <translation>Es wurde nichts gelöscht: %1</translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="199"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
</context>
<context>
    <name>Rapport::DetailPages</name>
    <message>
        <location filename="../ui/records/detailpages.cpp" line="20"/>
        <source>Activities</source>
        <translation>Aktivitäten</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpages.cpp" line="21"/>
        <source>The open activities on this record; Ctrl+L logs a call</source>
        <translation>Die offenen Aktivitäten dieses Datensatzes; Strg+L protokolliert einen Anruf</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpages.cpp" line="31"/>
        <source>The %1 of this record; Enter opens the selected one.</source>
        <translation>Die %1 dieses Datensatzes; Enter öffnet den ausgewählten.</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpages.cpp" line="38"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpages.cpp" line="39"/>
        <source>Every change to this record, who made it and when, newest first</source>
        <translation>Jede Änderung an diesem Datensatz, wer sie wann vorgenommen hat, die neueste zuerst</translation>
    </message>
</context>
<context>
    <name>Rapport::DetailPane</name>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="82"/>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="86"/>
        <source>Open the whole record in its window (Enter in the list)</source>
        <translation>Den ganzen Datensatz in seinem Fenster öffnen (Enter in der Liste)</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="96"/>
        <source>Log &amp;Call…</source>
        <translation>Anruf &amp;protokollieren…</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="97"/>
        <source>Log the call just made, and plan what follows it</source>
        <translation>Den soeben geführten Anruf protokollieren und planen, was darauf folgt</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="99"/>
        <source>D&amp;ismiss</source>
        <translation>&amp;Nicht jetzt</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="100"/>
        <source>Log nothing</source>
        <translation>Nichts protokollieren</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="105"/>
        <source>Show Current &amp;Values</source>
        <translation>Aktuelle &amp;Werte anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="106"/>
        <source>Drop your changes and show the record as it is now</source>
        <translation>Ihre Änderungen verwerfen und den Datensatz so anzeigen, wie er jetzt ist</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="126"/>
        <source>Rever&amp;t</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="129"/>
        <source>Drop your changes to these fields (Esc)</source>
        <translation>Ihre Änderungen an diesen Feldern verwerfen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="130"/>
        <location filename="../ui/records/detailpane.cpp" line="276"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="133"/>
        <source>Save your changes to these fields (Ctrl+S)</source>
        <translation>Ihre Änderungen an diesen Feldern speichern (Strg+S)</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="153"/>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="168"/>
        <source>Log the call to %1?</source>
        <translation>Den Anruf bei %1 protokollieren?</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="274"/>
        <source>Save your changes to “%1” before another record shows?</source>
        <translation>Ihre Änderungen an „%1“ speichern, bevor ein anderer Datensatz angezeigt wird?</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="275"/>
        <source>Changes you don&apos;t save are lost.</source>
        <translation>Nicht gespeicherte Änderungen gehen verloren.</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="277"/>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="278"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="299"/>
        <source>This %1 no longer exists.</source>
        <translation>Dieser Datensatz (%1) existiert nicht mehr.</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="300"/>
        <source>Select a %1 to see it here.</source>
        <translation>Wählen Sie einen Datensatz (%1) aus, um ihn hier zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="306"/>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="328"/>
        <source>“%1” was changed elsewhere while you edited it here. Saving keeps the other changes too, and asks where both of you changed the same field.</source>
        <translation>„%1“ wurde an anderer Stelle geändert, während Sie es hier bearbeitet haben. Beim Speichern bleiben auch die anderen Änderungen erhalten; wo Sie beide dasselbe Feld geändert haben, werden Sie gefragt.</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="330"/>
        <source>%1 changed “%2” while you edited it here. Saving keeps their changes too, and asks where you both changed the same field.</source>
        <translation>%1 hat „%2“ geändert, während Sie es hier bearbeitet haben. Beim Speichern bleiben auch diese Änderungen erhalten; wo Sie beide dasselbe Feld geändert haben, werden Sie gefragt.</translation>
    </message>
    <message>
        <source>“%1” was changed elsewhere while you edited it here. Saving shows both versions, to choose from field by field.</source>
        <translation type="vanished">„%1“ wurde an anderer Stelle geändert, während Sie es hier bearbeitet haben. Beim Speichern werden beide Versionen angezeigt, damit Sie Feld für Feld wählen können.</translation>
    </message>
    <message>
        <source>%1 changed “%2” while you edited it here. Saving shows both versions, to choose from field by field.</source>
        <translation type="vanished">%1 hat „%2“ geändert, während Sie es hier bearbeitet haben. Beim Speichern werden beide Versionen angezeigt, damit Sie Feld für Feld wählen können.</translation>
    </message>
    <message>
        <source>“%1” was changed elsewhere while you edited it here. Your changes can no longer be saved over it.</source>
        <translation type="vanished">„%1“ wurde an anderer Stelle geändert, während Sie es hier bearbeitet haben. Ihre Änderungen können nicht mehr darüber gespeichert werden.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="vanished">Nicht gespeichert</translation>
    </message>
    <message>
        <source>“%1” was changed elsewhere after it was shown here, so your changes were not saved over it. Revert (Esc) shows it as it is now; then make your changes again.</source>
        <translation type="vanished">„%1“ wurde an anderer Stelle geändert, nachdem es hier angezeigt wurde; Ihre Änderungen wurden deshalb nicht darüber gespeichert. „Zurücksetzen“ (Esc) zeigt den aktuellen Stand; nehmen Sie Ihre Änderungen dann erneut vor.</translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="379"/>
        <source>Could not save</source>
        <translation>Speichern fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Rapport::EmptyTab</name>
    <message>
        <location filename="../ui/records/emptytab.cpp" line="17"/>
        <source>No %1 yet</source>
        <translation>Noch keine %1</translation>
    </message>
    <message>
        <location filename="../ui/records/emptytab.cpp" line="23"/>
        <source>Bring in the file you have, add the first one by hand, or try Rapport with sample records.</source>
        <translation>Importieren Sie Ihre Datei, legen Sie den ersten Datensatz von Hand an, oder probieren Sie Rapport mit Beispieldaten aus.</translation>
    </message>
    <message>
        <location filename="../ui/records/emptytab.cpp" line="28"/>
        <source>&amp;Import a File…</source>
        <translation>Datei &amp;importieren…</translation>
    </message>
    <message>
        <location filename="../ui/records/emptytab.cpp" line="31"/>
        <source>&amp;Add the First %1</source>
        <translation>%1 &amp;anlegen</translation>
    </message>
    <message>
        <location filename="../ui/records/emptytab.cpp" line="33"/>
        <source>Fill In &amp;Sample Data</source>
        <translation>Beispieldaten ein&amp;fügen</translation>
    </message>
</context>
<context>
    <name>Rapport::Entity</name>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="64"/>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="65"/>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="101"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="102"/>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="123"/>
        <source>Account</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="124"/>
        <source>Accounts</source>
        <translation>Firmen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="155"/>
        <source>Deal</source>
        <translation>Deal</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="156"/>
        <source>Deals</source>
        <translation>Deals</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="181"/>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="182"/>
        <source>Activities</source>
        <translation>Aktivitäten</translation>
    </message>
</context>
<context>
    <name>Rapport::ExportDialog</name>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="57"/>
        <location filename="../ui/transfer/exportdialog.cpp" line="236"/>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="61"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel-Arbeitsmappen (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="62"/>
        <source>vCard files (*.vcf)</source>
        <translation>vCard-Dateien (*.vcf)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="63"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="68"/>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="99"/>
        <source>What is the file for?</source>
        <translation>Wofür ist die Datei?</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="102"/>
        <source>E&amp;xcel: formulas neutralised, readable as UTF-8</source>
        <translation>E&amp;xcel: Formeln entschärft, als UTF-8 lesbar</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="104"/>
        <source>Another &amp;program: plain CSV, cells exactly as stored</source>
        <translation>Anderes &amp;Programm: einfaches CSV, Zellen genau wie gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="106"/>
        <source>An Excel &amp;workbook (.xlsx): numbers, dates and phone numbers each as what they are</source>
        <translation>Eine Excel-&amp;Arbeitsmappe (.xlsx): Zahlen, Datumsangaben und Telefonnummern jeweils als das, was sie sind</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="110"/>
        <source>An address &amp;book (vCard .vcf) for Outlook, Google or Apple Contacts</source>
        <translation>Ein &amp;Adressbuch (vCard .vcf) für Outlook, Google oder Apple Kontakte</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="177"/>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/exportdialog.cpp" line="182"/>
        <source>The %n record(s) the tab shows now</source>
        <translation>
            <numerusform>Der %n Datensatz, den der Tab gerade anzeigt</numerusform>
            <numerusform>Die %n Datensätze, die der Tab gerade anzeigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/exportdialog.cpp" line="184"/>
        <source>The %n selected record(s)</source>
        <translation>
            <numerusform>Der %n ausgewählte Datensatz</numerusform>
            <numerusform>Die %n ausgewählten Datensätze</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="187"/>
        <source>All %1</source>
        <translation>Alle %1</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="189"/>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="192"/>
        <source>The columns the tab shows, in its order</source>
        <translation>Die Spalten, die der Tab anzeigt, in seiner Reihenfolge</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="194"/>
        <source>Every field</source>
        <translation>Alle Felder</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="204"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="208"/>
        <source>Comma ( , )</source>
        <translation>Komma ( , )</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="209"/>
        <source>Semicolon ( ; ), for Excel in many European languages</source>
        <translation>Semikolon ( ; ), für Excel in vielen europäischen Sprachen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="211"/>
        <source>Start with a byte order mark, so Excel reads it as UTF-8</source>
        <translation>Mit einer Byte-Reihenfolge-Markierung (BOM) beginnen, damit Excel die Datei als UTF-8 liest</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="213"/>
        <source>Protect against spreadsheet formulas (cells starting with = + - @ get an apostrophe)</source>
        <translation>Vor Tabellenformeln schützen (Zellen, die mit = + - @ beginnen, erhalten einen Apostroph)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="219"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="224"/>
        <source>&amp;Save as:</source>
        <translation>Speichern &amp;unter:</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="227"/>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Trennzeichen:</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="286"/>
        <source>Exporting…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="315"/>
        <source>“%1” cannot be written: %2</source>
        <translation>„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/exportdialog.cpp" line="318"/>
        <source>%n record(s) exported to %1.</source>
        <translation>
            <numerusform>%n Datensatz nach %1 exportiert.</numerusform>
            <numerusform>%n Datensätze nach %1 exportiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Rapport::Field</name>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="43"/>
        <source>Salutation</source>
        <translation>Anrede</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="44"/>
        <source>First Name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="45"/>
        <source>Last Name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="66"/>
        <location filename="../models/records/recordtypes.cpp" line="104"/>
        <source>Title</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="67"/>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="68"/>
        <location filename="../models/records/recordtypes.cpp" line="130"/>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="69"/>
        <location filename="../models/records/recordtypes.cpp" line="133"/>
        <source>Annual Revenue</source>
        <translation>Jahresumsatz</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="70"/>
        <source>No. of Employees</source>
        <translation>Anzahl Mitarbeiter</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="71"/>
        <location filename="../models/records/recordtypes.cpp" line="126"/>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="53"/>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="54"/>
        <source>Secondary Email</source>
        <translation>Zweite E-Mail</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="55"/>
        <location filename="../models/records/recordtypes.cpp" line="127"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="56"/>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="57"/>
        <location filename="../models/records/recordtypes.cpp" line="128"/>
        <source>Fax</source>
        <translation>Fax</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="58"/>
        <source>Email Opt Out</source>
        <translation>Keine E-Mails</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="73"/>
        <location filename="../models/records/recordtypes.cpp" line="107"/>
        <location filename="../models/records/recordtypes.cpp" line="165"/>
        <source>Lead Source</source>
        <translation>Lead-Quelle</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="74"/>
        <source>Lead Status</source>
        <translation>Lead-Status</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="75"/>
        <location filename="../models/records/recordtypes.cpp" line="134"/>
        <location filename="../models/records/recordtypes.cpp" line="166"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="76"/>
        <location filename="../models/records/recordtypes.cpp" line="108"/>
        <location filename="../models/records/recordtypes.cpp" line="135"/>
        <location filename="../models/records/recordtypes.cpp" line="168"/>
        <location filename="../models/records/recordtypes.cpp" line="192"/>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="77"/>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="78"/>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="79"/>
        <source>State</source>
        <translation>Bundesland</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="80"/>
        <source>Zip Code</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="81"/>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="82"/>
        <location filename="../models/records/recordtypes.cpp" line="114"/>
        <location filename="../models/records/recordtypes.cpp" line="146"/>
        <location filename="../models/records/recordtypes.cpp" line="169"/>
        <location filename="../models/records/recordtypes.cpp" line="199"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="92"/>
        <source>Converted Account</source>
        <translation>Konvertiert zu Firma</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="93"/>
        <source>Converted Contact</source>
        <translation>Konvertiert zu Kontakt</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="94"/>
        <source>Converted Deal</source>
        <translation>Konvertiert zu Deal</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="103"/>
        <location filename="../models/records/recordtypes.cpp" line="125"/>
        <location filename="../models/records/recordtypes.cpp" line="158"/>
        <source>Account Name</source>
        <translation>Firmenname</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="105"/>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="109"/>
        <source>Mailing Street</source>
        <translation>Straße (Postanschrift)</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="110"/>
        <source>Mailing City</source>
        <translation>Ort (Postanschrift)</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="111"/>
        <source>Mailing State</source>
        <translation>Bundesland (Postanschrift)</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="112"/>
        <source>Mailing Zip</source>
        <translation>PLZ (Postanschrift)</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="113"/>
        <source>Mailing Country</source>
        <translation>Land (Postanschrift)</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="129"/>
        <source>Parent Account</source>
        <translation>Übergeordnete Firma</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="131"/>
        <location filename="../models/records/recordtypes.cpp" line="184"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="132"/>
        <source>Employees</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="136"/>
        <source>Billing Street</source>
        <translation>Rechnungsstraße</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="137"/>
        <source>Billing City</source>
        <translation>Rechnungsort</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="138"/>
        <source>Billing State</source>
        <translation>Rechnungsbundesland</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="139"/>
        <source>Billing Code</source>
        <translation>Rechnungs-PLZ</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="140"/>
        <source>Billing Country</source>
        <translation>Rechnungsland</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="141"/>
        <source>Shipping Street</source>
        <translation>Lieferstraße</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="142"/>
        <source>Shipping City</source>
        <translation>Lieferort</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="143"/>
        <source>Shipping State</source>
        <translation>Lieferbundesland</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="144"/>
        <source>Shipping Code</source>
        <translation>Liefer-PLZ</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="145"/>
        <source>Shipping Country</source>
        <translation>Lieferland</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="157"/>
        <source>Deal Name</source>
        <translation>Deal-Name</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="159"/>
        <source>Contact Name</source>
        <translation>Kontaktname</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="160"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="161"/>
        <source>Closing Date</source>
        <translation>Abschlussdatum</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="162"/>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="163"/>
        <source>Probability (%)</source>
        <translation>Wahrscheinlichkeit (%)</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="164"/>
        <source>Close Reason</source>
        <translation>Abschlussgrund</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="167"/>
        <source>Next Step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="183"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="185"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="186"/>
        <source>Ends</source>
        <translation>Endet</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="187"/>
        <source>Reminder</source>
        <translation>Erinnerung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="188"/>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="189"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="190"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="191"/>
        <source>Call Outcome</source>
        <translation>Anrufergebnis</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="193"/>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="194"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="195"/>
        <source>Account</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="196"/>
        <source>Deal</source>
        <translation>Deal</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="197"/>
        <source>Repeats</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="198"/>
        <source>Completed</source>
        <translation>Erledigt am</translation>
    </message>
    <message>
        <location filename="../models/transfer/exportcolumns.cpp" line="16"/>
        <source>Converted</source>
        <translation>Konvertiert am</translation>
    </message>
</context>
<context>
    <name>Rapport::FieldEditors</name>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="45"/>
        <source>Write an Email</source>
        <translation>E-Mail schreiben</translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="46"/>
        <source>Call</source>
        <translation>Anrufen</translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="47"/>
        <source>Write to this address</source>
        <translation>An diese Adresse schreiben</translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="48"/>
        <source>Call this number</source>
        <translation>Diese Nummer anrufen</translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="310"/>
        <source>%1: there is no %2 named “%3”.</source>
        <translation>%1: „%3“ ist als %2 nicht vorhanden.</translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="313"/>
        <source>%1: more than one %2 is named “%3”; pick one from the list.</source>
        <translation>%1: „%3“ gibt es mehrfach als %2; bitte wählen Sie einen Eintrag aus der Liste.</translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="318"/>
        <source>%1: “%2” is not a date (%3).</source>
        <translation>%1: „%2“ ist kein Datum (%3).</translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="323"/>
        <source>%1: “%2” is not a date and time (%3).</source>
        <translation>%1: „%2“ ist kein Datum mit Uhrzeit (%3).</translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="332"/>
        <source>%1: “%2” is not a whole number.</source>
        <translation>%1: „%2“ ist keine ganze Zahl.</translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="333"/>
        <source>%1: “%2” is not a number.</source>
        <translation>%1: „%2“ ist keine Zahl.</translation>
    </message>
</context>
<context>
    <name>Rapport::Group</name>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="14"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="15"/>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="16"/>
        <source>Contact details</source>
        <translation>Kontaktdaten</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="17"/>
        <source>Qualification</source>
        <translation>Qualifizierung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="18"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="19"/>
        <source>Shipping address</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="20"/>
        <source>Deal</source>
        <translation>Deal</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="21"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="22"/>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="23"/>
        <source>Regarding</source>
        <translation>Betrifft</translation>
    </message>
</context>
<context>
    <name>Rapport::ImportCheckPage</name>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="68"/>
        <source>&amp;Drop Selected Rows</source>
        <translation>Ausgewählte Zeilen &amp;entfernen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="69"/>
        <source>&amp;Check Again</source>
        <translation>Erneut &amp;prüfen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="72"/>
        <source>Check the rows</source>
        <translation>Zeilen prüfen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="73"/>
        <source>Nothing has been written yet. Fix or drop the rows with problems, or import without them and save them to fix later.</source>
        <translation>Es wurde noch nichts geschrieben. Korrigieren oder entfernen Sie die Zeilen mit Problemen, oder importieren Sie ohne sie und speichern Sie sie, um sie später zu korrigieren.</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="76"/>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="110"/>
        <source>Skip them</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="111"/>
        <source>Update the existing records</source>
        <translation>Bestehende Datensätze aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="112"/>
        <source>Create new records anyway</source>
        <translation>Trotzdem neue Datensätze anlegen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="115"/>
        <source>Decide from the file</source>
        <translation>Anhand der Datei entscheiden</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="116"/>
        <source>Day first (31/01/2026)</source>
        <translation>Tag zuerst (31/01/2026)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="117"/>
        <source>Month first (01/31/2026)</source>
        <translation>Monat zuerst (01/31/2026)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="118"/>
        <source>Rows matching an existing record (same email or record id):</source>
        <translation>Zeilen, die einem bestehenden Datensatz entsprechen (gleiche E-Mail oder Datensatz-ID):</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="119"/>
        <source>Dates like 01/03/2026:</source>
        <translation>Datumsangaben wie 01/03/2026:</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="121"/>
        <source>&amp;Make the accounts and contacts the rows name that do not exist yet</source>
        <translation>Von den Zeilen genannte, noch nicht vorhandene Firmen und Kontakte an&amp;legen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="173"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importcheckpage.cpp" line="212"/>
        <source>%n to create</source>
        <translation>
            <numerusform>%n wird angelegt</numerusform>
            <numerusform>%n werden angelegt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importcheckpage.cpp" line="213"/>
        <source>%n to update</source>
        <translation>
            <numerusform>%n wird aktualisiert</numerusform>
            <numerusform>%n werden aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importcheckpage.cpp" line="214"/>
        <source>%n duplicate(s) to skip</source>
        <translation>
            <numerusform>%n Duplikat wird übersprungen</numerusform>
            <numerusform>%n Duplikate werden übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importcheckpage.cpp" line="215"/>
        <source>%n with problems</source>
        <translation>
            <numerusform>%n mit Problemen</numerusform>
            <numerusform>%n mit Problemen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importcheckpage.cpp" line="217"/>
        <source>%n new %1 to make</source>
        <translation>
            <numerusform>%n %1 neu anzulegen</numerusform>
            <numerusform>%n %1 neu anzulegen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n to make</source>
        <translation type="vanished">
            <numerusform>%1: %n anzulegen</numerusform>
            <numerusform>%1: %n anzulegen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 to create · %2 to update · %3 duplicates to skip · %4 with problems</source>
        <translation type="vanished">%1 anzulegen · %2 zu aktualisieren · %3 Duplikate zu überspringen · %4 mit Problemen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="224"/>
        <source>There is nothing to import with these choices.</source>
        <translation>Mit diesen Einstellungen gibt es nichts zu importieren.</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="235"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="235"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="285"/>
        <source>Your changes are not checked yet: click Check Again.</source>
        <translation>Ihre Änderungen sind noch nicht geprüft: Klicken Sie auf „Erneut prüfen“.</translation>
    </message>
</context>
<context>
    <name>Rapport::ImportFilePage</name>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="28"/>
        <source>CRLF (Windows)</source>
        <translation>CRLF (Windows)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="29"/>
        <source>LF (Linux, macOS)</source>
        <translation>LF (Linux, macOS)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="30"/>
        <source>CR (classic Mac)</source>
        <translation>CR (klassisches Mac OS)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="51"/>
        <source>Choose the file</source>
        <translation>Datei auswählen</translation>
    </message>
    <message>
        <source>Rapport reads CSV files from Zoho, Salesforce, HubSpot, Outlook, Google and spreadsheets. Check that the preview looks right.</source>
        <translation type="vanished">Rapport liest CSV-Dateien aus Zoho, Salesforce, HubSpot, Outlook, Google und Tabellenkalkulationen. Prüfen Sie, ob die Vorschau richtig aussieht.</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="52"/>
        <source>Rapport reads CSV files from Zoho, Salesforce, HubSpot, Outlook, Google and spreadsheets, Excel workbooks and vCard address books. Check that the preview looks right.</source>
        <translation>Rapport liest CSV-Dateien aus Zoho, Salesforce, HubSpot, Outlook, Google und Tabellenkalkulationen, Excel-Arbeitsmappen und vCard-Adressbücher. Prüfen Sie, ob die Vorschau stimmt.</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="56"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="63"/>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="64"/>
        <source>UTF-16 (little endian)</source>
        <translation>UTF-16 (Little Endian)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="65"/>
        <source>UTF-16 (big endian)</source>
        <translation>UTF-16 (Big Endian)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="66"/>
        <source>Windows-1252 (Western European)</source>
        <translation>Windows-1252 (Westeuropäisch)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="67"/>
        <source>ISO 8859-15 (Latin-9)</source>
        <translation>ISO 8859-15 (Latin-9)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="69"/>
        <source>Comma ( , )</source>
        <translation>Komma ( , )</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="70"/>
        <source>Semicolon ( ; )</source>
        <translation>Semikolon ( ; )</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="71"/>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="72"/>
        <source>Vertical bar ( | )</source>
        <translation>Senkrechter Strich ( | )</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="76"/>
        <source>Rapport reads all three kinds of line ends, even mixed.</source>
        <translation>Rapport liest alle drei Arten von Zeilenenden, auch gemischt.</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="83"/>
        <source>&amp;File:</source>
        <translation>Dat&amp;ei:</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="86"/>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="87"/>
        <source>&amp;Sheet:</source>
        <translation>&amp;Tabellenblatt:</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="88"/>
        <source>&amp;Encoding:</source>
        <translation>&amp;Kodierung:</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="89"/>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Trennzeichen:</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="90"/>
        <source>Line ends:</source>
        <translation>Zeilenende:</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="116"/>
        <source>Import File</source>
        <translation>Datei importieren</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="117"/>
        <source>Files Rapport reads (*.csv *.txt *.tsv *.xlsx *.vcf);;CSV files (*.csv *.txt *.tsv);;Excel workbooks (*.xlsx);;vCard files (*.vcf);;All files (*)</source>
        <translation>Dateien, die Rapport liest (*.csv *.txt *.tsv *.xlsx *.vcf);;CSV-Dateien (*.csv *.txt *.tsv);;Excel-Arbeitsmappen (*.xlsx);;vCard-Dateien (*.vcf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="197"/>
        <source>Excel workbook</source>
        <translation>Excel-Arbeitsmappe</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="198"/>
        <source>vCard address book</source>
        <translation>vCard-Adressbuch</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="199"/>
        <source>CSV (text with delimiters)</source>
        <translation>CSV (Text mit Trennzeichen)</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation type="vanished">CSV-Dateien (*.csv *.txt *.tsv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="154"/>
        <source>There is no file “%1”.</source>
        <translation>Es gibt keine Datei „%1“.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importfilepage.cpp" line="172"/>
        <source>%n row(s) shown from the start of the file.</source>
        <translation>
            <numerusform>%n Zeile vom Anfang der Datei angezeigt.</numerusform>
            <numerusform>%n Zeilen vom Anfang der Datei angezeigt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Rapport::ImportHistoryDialog</name>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="39"/>
        <source>&amp;Undo Import…</source>
        <translation>Import &amp;rückgängig machen…</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="42"/>
        <source>Import History</source>
        <translation>Importverlauf</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="45"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="45"/>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="45"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="45"/>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="46"/>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="46"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="46"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="47"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="88"/>
        <source>Undone</source>
        <translation>Rückgängig gemacht</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="111"/>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="114"/>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="132"/>
        <source>Undo Import</source>
        <translation>Import rückgängig machen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="111"/>
        <source>Undo the import of “%1”?</source>
        <translation>Den Import von „%1“ rückgängig machen?</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="112"/>
        <source>The records it created are deleted and the records it updated get their earlier values back.</source>
        <translation>Die angelegten Datensätze werden gelöscht, und die aktualisierten Datensätze erhalten ihre früheren Werte zurück.</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="114"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>Rapport::ImportMappingPage</name>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="41"/>
        <source>Match the columns</source>
        <translation>Spalten zuordnen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="42"/>
        <source>Choose the field each column of the file fills. Columns Rapport has no field for can go to Description or be skipped.</source>
        <translation>Wählen Sie für jede Spalte der Datei das Feld, das sie füllt. Spalten, für die Rapport kein Feld hat, können in die Beschreibung übernommen oder übersprungen werden.</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="46"/>
        <source>Column in the file</source>
        <translation>Spalte in der Datei</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="46"/>
        <source>First value</source>
        <translation>Erster Wert</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="47"/>
        <source>Rapport field</source>
        <translation>Rapport-Feld</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="91"/>
        <source>Skip this column</source>
        <translation>Diese Spalte überspringen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="92"/>
        <source>Add to Description</source>
        <translation>Zur Beschreibung hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="93"/>
        <source>Record Id</source>
        <translation>Datensatz-ID</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="96"/>
        <source>%1 (required)</source>
        <translation>%1 (Pflichtfeld)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="128"/>
        <source>Choose a column for %1: every %2 needs it.</source>
        <translation>Wählen Sie eine Spalte für %1: Jeder Datensatz vom Typ %2 benötigt sie.</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="129"/>
        <location filename="../ui/transfer/importmappingpage.cpp" line="133"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="132"/>
        <source>Only the first column for %1 is imported; send the others to Description.</source>
        <translation>Nur die erste Spalte für %1 wird importiert; übernehmen Sie die anderen in die Beschreibung.</translation>
    </message>
</context>
<context>
    <name>Rapport::ImportRunPage</name>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="32"/>
        <source>&amp;Cancel Import</source>
        <translation>Import &amp;abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="33"/>
        <source>&amp;Save Rejected Rows…</source>
        <translation>Abgelehnte Zeilen &amp;speichern…</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="36"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="63"/>
        <source>Checking the file once more, then writing…</source>
        <translation>Die Datei wird noch einmal geprüft, dann geschrieben…</translation>
    </message>
    <message>
        <source>About %1 rows per second</source>
        <translation type="vanished">Etwa %1 Zeilen pro Sekunde</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="92"/>
        <source>About %Ln row(s) per second</source>
        <translation>
            <numerusform>Etwa %Ln Zeile pro Sekunde</numerusform>
            <numerusform>Etwa %Ln Zeilen pro Sekunde</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="93"/>
        <source>Writing the records…</source>
        <translation>Die Datensätze werden geschrieben…</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="93"/>
        <source>Checking the file once more…</source>
        <translation>Die Datei wird noch einmal geprüft…</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="104"/>
        <source>The import was cancelled. Nothing was imported: the database is exactly as it was before.</source>
        <translation>Der Import wurde abgebrochen. Es wurde nichts importiert: Die Datenbank ist genau wie vorher.</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="106"/>
        <source>The import failed: %1
Nothing was imported: the database is exactly as it was before.</source>
        <translation>Der Import ist fehlgeschlagen: %1
Es wurde nichts importiert: Die Datenbank ist genau wie vorher.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="112"/>
        <source>%n created</source>
        <translation>
            <numerusform>%n angelegt</numerusform>
            <numerusform>%n angelegt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="113"/>
        <source>%n updated</source>
        <translation>
            <numerusform>%n aktualisiert</numerusform>
            <numerusform>%n aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="114"/>
        <source>%n duplicate(s) skipped</source>
        <translation>
            <numerusform>%n Duplikat übersprungen</numerusform>
            <numerusform>%n Duplikate übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="115"/>
        <source>%n rejected</source>
        <translation>
            <numerusform>%n abgelehnt</numerusform>
            <numerusform>%n abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="117"/>
        <source>%n new %1</source>
        <translation>
            <numerusform>%n %1 neu angelegt</numerusform>
            <numerusform>%n %1 neu angelegt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n made</source>
        <translation type="vanished">
            <numerusform>%1: %n angelegt</numerusform>
            <numerusform>%1: %n angelegt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="119"/>
        <source>Done: %1.</source>
        <translation>Fertig: %1.</translation>
    </message>
    <message>
        <source>Done: %1 created, %2 updated, %3 duplicates skipped, %4 rejected.</source>
        <translation type="vanished">Fertig: %1 angelegt, %2 aktualisiert, %3 Duplikate übersprungen, %4 abgelehnt.</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="132"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="147"/>
        <location filename="../ui/transfer/importrunpage.cpp" line="169"/>
        <source>Save Rejected Rows</source>
        <translation>Abgelehnte Zeilen speichern</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="147"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="170"/>
        <source>“%1” cannot be written: %2</source>
        <translation>„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="174"/>
        <source>%n rejected row(s) saved to %1.</source>
        <translation>
            <numerusform>%n abgelehnte Zeile in %1 gespeichert.</numerusform>
            <numerusform>%n abgelehnte Zeilen in %1 gespeichert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Rapport::ImportValuesPage</name>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="35"/>
        <source>Match the values</source>
        <translation>Werte zuordnen</translation>
    </message>
    <message>
        <source>Some values of the file are not in Rapport&apos;s lists. Choose the value each stands for, keep it as it is, or leave the field empty.</source>
        <translation type="vanished">Einige Werte der Datei stehen nicht in den Auswahllisten von Rapport. Wählen Sie für jeden den Wert, für den er steht, behalten Sie ihn unverändert bei oder lassen Sie das Feld leer.</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="36"/>
        <source>Some values of the file are not in Rapport&apos;s lists. Choose the value each stands for, add it to the list, keep it on these rows only, or leave the field empty.</source>
        <translation>Einige Werte der Datei stehen nicht in den Auswahllisten von Rapport. Wählen Sie für jeden den Wert, für den er steht, nehmen Sie ihn in die Liste auf, übernehmen Sie ihn nur für diese Zeilen oder lassen Sie das Feld leer.</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="40"/>
        <source>Values not in the lists</source>
        <translation>Werte, die nicht in den Listen stehen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="42"/>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="42"/>
        <source>Value in the file</source>
        <translation>Wert in der Datei</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="42"/>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="43"/>
        <source>Import as</source>
        <translation>Importieren als</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="81"/>
        <source>%1: only the first %2 different values are listed; the others are imported as they are in the file.</source>
        <translation>%1: Nur die ersten %2 verschiedenen Werte werden aufgeführt; die übrigen werden so importiert, wie sie in der Datei stehen.</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="83"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="97"/>
        <source>Column “%1”, imported into %2</source>
        <translation>Spalte „%1“, importiert in %2</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="110"/>
        <source>Import “%1” of %2 as</source>
        <translation>„%1“ aus %2 importieren als</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="118"/>
        <source>Add “%1” to the list</source>
        <translation>„%1“ in die Liste aufnehmen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="121"/>
        <source>Keep “%1” on these rows only</source>
        <translation>„%1“ nur für diese Zeilen übernehmen</translation>
    </message>
    <message>
        <source>Keep “%1” as it is</source>
        <translation type="vanished">„%1“ unverändert übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="124"/>
        <source>Leave empty</source>
        <translation>Leer lassen</translation>
    </message>
</context>
<context>
    <name>Rapport::ImportWizard</name>
    <message>
        <location filename="../ui/transfer/importwizard.cpp" line="19"/>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
</context>
<context>
    <name>Rapport::Keyring</name>
    <message>
        <location filename="../models/storage/keyring.cpp" line="39"/>
        <source>The desktop keyring could not be read: %1</source>
        <translation>Der Schlüsselbund des Desktops konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../models/storage/keyring.cpp" line="52"/>
        <source>The password could not be kept in the desktop keyring: %1</source>
        <translation>Das Passwort konnte nicht im Schlüsselbund des Desktops gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../models/storage/keyring.cpp" line="63"/>
        <source>The password could not be taken out of the desktop keyring: %1</source>
        <translation>Das Passwort konnte nicht aus dem Schlüsselbund des Desktops entfernt werden: %1</translation>
    </message>
</context>
<context>
    <name>Rapport::MainWindow</name>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="63"/>
        <source>No database is open.
Use File › New Database or File › Open Database.</source>
        <translation>Es ist keine Datenbank geöffnet.
Verwenden Sie Datei › Neue Datenbank oder Datei › Datenbank öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="96"/>
        <location filename="../ui/window/mainwindow.cpp" line="340"/>
        <source>Rapport</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="119"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="120"/>
        <source>&amp;About Rapport</source>
        <translation>Ü&amp;ber Rapport</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="122"/>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="133"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="134"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="139"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="145"/>
        <source>&amp;Lead</source>
        <translation>L&amp;ead</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="171"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="173"/>
        <source>&amp;New Database…</source>
        <translation>&amp;Neue Datenbank…</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="174"/>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="177"/>
        <source>&amp;Open Database…</source>
        <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="182"/>
        <source>Connect to &amp;Server…</source>
        <translation>Mit &amp;Server verbinden…</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="184"/>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="187"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="196"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="200"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="208"/>
        <source>&amp;Record</source>
        <translation>Daten&amp;satz</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="209"/>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="213"/>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="219"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="227"/>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="234"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="235"/>
        <source>My &amp;Day</source>
        <translation>Mein &amp;Tag</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="251"/>
        <source>&amp;Pipeline Board</source>
        <translation>&amp;Pipeline</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="259"/>
        <source>De&amp;tail Pane</source>
        <translation>De&amp;tailbereich</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="264"/>
        <source>Show the current record beside the list (F3)</source>
        <translation>Den aktuellen Datensatz neben der Liste anzeigen (F3)</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="265"/>
        <source>The selected record&apos;s key fields, activities, related records and history beside each list</source>
        <translation>Die wichtigsten Felder, Aktivitäten, verknüpften Datensätze und der Verlauf des ausgewählten Datensatzes neben jeder Liste</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="294"/>
        <source>Cannot open database</source>
        <translation>Datenbank kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="322"/>
        <source>%1 on %2 — Rapport</source>
        <translation>%1 auf %2 — Rapport</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="324"/>
        <source>%1 — Rapport</source>
        <translation>%1 — Rapport</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="299"/>
        <source>The database was upgraded; the previous version was kept as %1</source>
        <translation>Die Datenbank wurde aktualisiert; die vorherige Version wurde als %1 gesichert</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="355"/>
        <source>My Day</source>
        <translation>Mein Tag</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="356"/>
        <source>What needs you today (Ctrl+0)</source>
        <translation>Was heute ansteht (Strg+0)</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="373"/>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Strg+%2)</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="386"/>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="387"/>
        <source>The deals by stage (Ctrl+%1)</source>
        <translation>Die Deals nach Phase (Strg+%1)</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="429"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="447"/>
        <location filename="../ui/window/mainwindow.cpp" line="467"/>
        <source>New Database</source>
        <translation>Neue Datenbank</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="449"/>
        <source>Rapport databases (*.sqlite *.db)</source>
        <translation>Rapport-Datenbanken (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>“%1” cannot be replaced.</source>
        <translation type="vanished">„%1“ kann nicht ersetzt werden.</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="499"/>
        <source>Open Database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="501"/>
        <source>Rapport databases (*.sqlite *.db);;All files (*)</source>
        <translation>Rapport-Datenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="522"/>
        <source>Sample Data</source>
        <translation>Beispieldaten</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="523"/>
        <source>The sample records could not be added; nothing was changed.

%1</source>
        <translation>Die Beispieldatensätze konnten nicht angelegt werden; nichts wurde geändert.

%1</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="615"/>
        <source>About Rapport</source>
        <translation>Über Rapport</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="616"/>
        <source>&lt;h3&gt;Rapport %1&lt;/h3&gt;&lt;p&gt;A desktop CRM for small sales teams: leads, contacts, accounts and deals.&lt;/p&gt;&lt;p&gt;Licensed under the GNU GPL version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Rapport %1&lt;/h3&gt;&lt;p&gt;Ein Desktop-CRM für kleine Vertriebsteams: Leads, Kontakte, Firmen und Deals.&lt;/p&gt;&lt;p&gt;Lizenziert unter der GNU GPL, Version 3 oder neuer.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Rapport::MergeDialog</name>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="28"/>
        <source>%1 Was Changed Meanwhile</source>
        <translation>%1 wurde inzwischen geändert</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="34"/>
        <source>%1 Your changes to “%2” are not saved yet. Below are the fields you changed, beside their version and what each held when you opened the record; the check mark shows which value the record gets.</source>
        <translation>%1 Ihre Änderungen an „%2“ sind noch nicht gespeichert. Unten stehen die Felder, die Sie geändert haben, neben der anderen Version und dem Wert beim Öffnen des Datensatzes; das Häkchen zeigt, welchen Wert der Datensatz erhält.</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="43"/>
        <source>Fields that differ</source>
        <translation>Abweichende Felder</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="44"/>
        <source>Each field in your version, in theirs and as it was when you opened it; Space or a click on one of the two versions chooses it.</source>
        <translation>Jedes Feld in Ihrer Version, in der anderen und wie es beim Öffnen war; die Leertaste oder ein Klick auf eine der beiden Versionen wählt sie aus.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/mergedialog.cpp" line="61"/>
        <source>%n highlighted field(s) changed by both of you: your version is marked; take theirs where it is the right one.</source>
        <translation>
            <numerusform>%n hervorgehobenes Feld wurde von Ihnen beiden geändert: Ihre Version ist markiert; übernehmen Sie die andere, wo sie die richtige ist.</numerusform>
            <numerusform>%n hervorgehobene Felder wurden von Ihnen beiden geändert: Ihre Version ist markiert; übernehmen Sie die andere, wo sie die richtige ist.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="74"/>
        <source>Their changes to other fields are kept: %1.</source>
        <translation>Die anderen Änderungen an weiteren Feldern bleiben erhalten: %1.</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="84"/>
        <source>&amp;Save Merged</source>
        <translation>Zusammengeführt &amp;speichern</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="87"/>
        <source>Save the record with the value chosen for each field</source>
        <translation>Den Datensatz mit dem für jedes Feld gewählten Wert speichern</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="91"/>
        <source>Back to your changes, unsaved (Esc)</source>
        <translation>Zurück zu Ihren Änderungen, ungespeichert (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="109"/>
        <source>Keep &amp;Mine</source>
        <translation>&amp;Meine behalten</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="111"/>
        <source>Keep your version of the selected fields (Alt+M)</source>
        <translation>Ihre Version der ausgewählten Felder behalten (Alt+M)</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="112"/>
        <source>Take &amp;Theirs</source>
        <translation>&amp;Gespeicherte übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="114"/>
        <source>Take the saved version of the selected fields (Alt+T)</source>
        <translation>Die gespeicherte Version der ausgewählten Felder übernehmen (Alt+G)</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="128"/>
        <source>Someone else changed this record after you opened it.</source>
        <translation>Jemand anderes hat diesen Datensatz geändert, nachdem Sie ihn geöffnet haben.</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="137"/>
        <source>You deleted this record in another window at %1.</source>
        <translation>Sie haben diesen Datensatz um %1 in einem anderen Fenster gelöscht.</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="138"/>
        <source>You deleted this record in another window on %1 at %2.</source>
        <translation>Sie haben diesen Datensatz am %1 um %2 in einem anderen Fenster gelöscht.</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="140"/>
        <source>%1 deleted this record at %2.</source>
        <translation>%1 hat diesen Datensatz um %2 gelöscht.</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="141"/>
        <source>%1 deleted this record on %2 at %3.</source>
        <translation>%1 hat diesen Datensatz am %2 um %3 gelöscht.</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="144"/>
        <source>You changed this record in another window at %1.</source>
        <translation>Sie haben diesen Datensatz um %1 in einem anderen Fenster geändert.</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="145"/>
        <source>You changed this record in another window on %1 at %2.</source>
        <translation>Sie haben diesen Datensatz am %1 um %2 in einem anderen Fenster geändert.</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="147"/>
        <source>%1 changed this record at %2.</source>
        <translation>%1 hat diesen Datensatz um %2 geändert.</translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="148"/>
        <source>%1 changed this record on %2 at %3.</source>
        <translation>%1 hat diesen Datensatz am %2 um %3 geändert.</translation>
    </message>
</context>
<context>
    <name>Rapport::MergeModel</name>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="49"/>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="58"/>
        <source>the colleague</source>
        <translation>der Kollege bzw. die Kollegin</translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="81"/>
        <location filename="../ui/records/mergemodel.cpp" line="87"/>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="90"/>
        <source>You and %1 both changed it.</source>
        <translation>Sie und %1 haben es beide geändert.</translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="92"/>
        <source>You changed it.</source>
        <translation>Sie haben es geändert.</translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="93"/>
        <source>When you opened the record: %1. %2</source>
        <translation>Beim Öffnen des Datensatzes: %1. %2</translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="137"/>
        <source>%1, chosen</source>
        <translation>%1, ausgewählt</translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="181"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="182"/>
        <source>Your version</source>
        <translation>Ihre Version</translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="184"/>
        <source>Saved version</source>
        <translation>Gespeicherte Version</translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="184"/>
        <source>%1&apos;s version</source>
        <translation>Version von %1</translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="185"/>
        <source>When you opened it</source>
        <translation>Beim Öffnen</translation>
    </message>
</context>
<context>
    <name>Rapport::MergeTable</name>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="24"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="24"/>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="24"/>
        <source>Existing</source>
        <translation>Vorhanden</translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="24"/>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="24"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="59"/>
        <source>Fill if empty</source>
        <translation>Füllen, falls leer</translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="60"/>
        <source>Lead&apos;s value</source>
        <translation>Wert des Leads</translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="61"/>
        <source>Existing value</source>
        <translation>Vorhandener Wert</translation>
    </message>
</context>
<context>
    <name>Rapport::MoveDealCommand</name>
    <message>
        <location filename="../ui/pipeline/movedealcommand.cpp" line="56"/>
        <source>Move to %1</source>
        <translation>Nach %1 verschieben</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/movedealcommand.cpp" line="33"/>
        <source>The deal was deleted meanwhile.</source>
        <translation>Der Deal wurde inzwischen gelöscht.</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/movedealcommand.cpp" line="36"/>
        <source>The deal&apos;s %1 was changed since, so this was not done; open the deal to see it.</source>
        <translation>%1 des Deals wurde seither geändert, darum geschah das nicht; öffnen Sie den Deal, um es zu sehen.</translation>
    </message>
</context>
<context>
    <name>Rapport::MyDayTab</name>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="59"/>
        <source>Whose activities</source>
        <translation>Wessen Aktivitäten</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="60"/>
        <source>Yours (with those nobody owns), or everyone&apos;s.</source>
        <translation>Ihre (mit denen, die niemandem gehören) oder die aller.</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="61"/>
        <source>Mine</source>
        <translation>Meine</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="62"/>
        <source>Everyone&apos;s</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="64"/>
        <source>Activity type</source>
        <translation>Aktivitätstyp</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="65"/>
        <source>Every type, or tasks, calls, meetings or emails only.</source>
        <translation>Alle Typen oder nur Aufgaben, Anrufe, Termine oder E-Mails.</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="66"/>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="70"/>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="71"/>
        <source>Activities on any record, or on leads, contacts, accounts or deals only.</source>
        <translation>Aktivitäten zu jedem Datensatz oder nur zu Leads, Kontakten, Firmen oder Deals.</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="73"/>
        <source>All records</source>
        <translation>Alle Datensätze</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="99"/>
        <source>&amp;Done</source>
        <translation>&amp;Erledigt</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="99"/>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="100"/>
        <source>Complete the activity, and plan the next step</source>
        <translation>Die Aktivität erledigen und den nächsten Schritt planen</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="101"/>
        <source>+1 D&amp;ay</source>
        <translation>+1 T&amp;ag</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="101"/>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="102"/>
        <source>Move it a day on, at the same time</source>
        <translation>Um einen Tag verschieben, zur selben Uhrzeit</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="103"/>
        <source>Next &amp;Monday</source>
        <translation>Nächster &amp;Montag</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="103"/>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="104"/>
        <source>Move it to next Monday, at the same time</source>
        <translation>Auf nächsten Montag verschieben, zur selben Uhrzeit</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="105"/>
        <source>&amp;Reschedule…</source>
        <translation>&amp;Verschieben…</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="105"/>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="106"/>
        <source>Move it to a date and time you pick</source>
        <translation>Auf ein Datum und eine Uhrzeit Ihrer Wahl verschieben</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="107"/>
        <source>&amp;Log Call…</source>
        <translation>Anruf &amp;protokollieren…</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="107"/>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="108"/>
        <source>Log a call just made on the same record</source>
        <translation>Einen eben geführten Anruf zum selben Datensatz protokollieren</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="112"/>
        <source>My Day</source>
        <translation>Mein Tag</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="114"/>
        <source>Overdue, today, the next days and deals with no next step; Enter opens the record, Ctrl+D completes, Ctrl+Shift+D moves a day on.</source>
        <translation>Überfälliges, Heutiges, die nächsten Tage und Deals ohne nächsten Schritt; die Eingabetaste öffnet den Datensatz, Strg+D erledigt, Strg+Umschalt+D verschiebt um einen Tag.</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="116"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="116"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="116"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="116"/>
        <source>On</source>
        <translation>Zu</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="168"/>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="169"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/day/mydaytab.cpp" line="170"/>
        <source>Next %n day(s)</source>
        <translation>
            <numerusform>Nächster %n Tag</numerusform>
            <numerusform>Nächste %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="171"/>
        <source>Open deals with no next step (%1)</source>
        <translation>Offene Deals ohne nächsten Schritt (%1)</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="180"/>
        <source>Plan the next step</source>
        <translation>Den nächsten Schritt planen</translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="186"/>
        <source>%1 overdue, %2 today</source>
        <translation>%1 überfällig, %2 heute</translation>
    </message>
    <message>
        <source>Could not plan the next step</source>
        <translation type="vanished">Der nächste Schritt konnte nicht geplant werden</translation>
    </message>
    <message>
        <source>Could not complete the activity</source>
        <translation type="vanished">Die Aktivität konnte nicht erledigt werden</translation>
    </message>
    <message>
        <source>Reschedule</source>
        <translation type="vanished">Verschieben</translation>
    </message>
    <message>
        <source>Could not reschedule the activity</source>
        <translation type="vanished">Die Aktivität konnte nicht verschoben werden</translation>
    </message>
    <message>
        <source>Could not log the call</source>
        <translation type="vanished">Der Anruf konnte nicht protokolliert werden</translation>
    </message>
</context>
<context>
    <name>Rapport::NextStepDialog</name>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="36"/>
        <source>Log a Call</source>
        <translation>Anruf protokollieren</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="37"/>
        <source>Plan the Next Step</source>
        <translation>Nächsten Schritt planen</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="37"/>
        <source>Next Step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="41"/>
        <source>The call about “%1”: what was it about, and how did it go?</source>
        <translation>Der Anruf zu „%1“: Worum ging es, und wie lief er?</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="42"/>
        <source>“%1” has no next step. What is it?</source>
        <translation>„%1“ hat keinen nächsten Schritt. Welcher ist es?</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="43"/>
        <source>“%1” is done. What is the next step?</source>
        <translation>„%1“ ist erledigt. Was ist der nächste Schritt?</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="47"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="48"/>
        <source>What is to be done next.</source>
        <translation>Was als Nächstes zu tun ist.</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="49"/>
        <source>&amp;Subject:</source>
        <translation>&amp;Betreff:</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="52"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="53"/>
        <source>How the call went.</source>
        <translation>Wie der Anruf verlief.</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="54"/>
        <source>&amp;Outcome:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="57"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="58"/>
        <source>A task, a call, a meeting or an email.</source>
        <translation>Eine Aufgabe, ein Anruf, ein Termin oder eine E-Mail.</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="59"/>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="62"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="63"/>
        <source>When the next step is due; Alt+Down opens a calendar.</source>
        <translation>Wann der nächste Schritt fällig ist; Alt+Pfeil nach unten öffnet einen Kalender.</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="69"/>
        <source>&amp;Due:</source>
        <translation>&amp;Fällig:</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="73"/>
        <source>&amp;Log Call</source>
        <translation>Anruf &amp;protokollieren</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="73"/>
        <source>&amp;Schedule</source>
        <translation>&amp;Planen</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="79"/>
        <source>&amp;No Next Step</source>
        <translation>&amp;Kein nächster Schritt</translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="81"/>
        <source>Complete it without planning anything; an open deal is then flagged</source>
        <translation>Erledigen, ohne etwas zu planen; ein offener Deal wird dann markiert</translation>
    </message>
</context>
<context>
    <name>Rapport::NoteStore</name>
    <message>
        <location filename="../models/storage/notestore.cpp" line="27"/>
        <source>A note needs some text.</source>
        <translation>Eine Notiz braucht etwas Text.</translation>
    </message>
</context>
<context>
    <name>Rapport::NotesPanel</name>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="25"/>
        <location filename="../ui/records/notespanel.cpp" line="52"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="33"/>
        <source>New note</source>
        <translation>Neue Notiz</translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="34"/>
        <source>Ctrl+Enter adds the note to the record.</source>
        <translation>Strg+Eingabe fügt die Notiz dem Datensatz hinzu.</translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="35"/>
        <source>Write a note… (Ctrl+Enter adds it)</source>
        <translation>Notiz schreiben… (Strg+Eingabetaste fügt sie hinzu)</translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="40"/>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="42"/>
        <source>Add the note to the record (Ctrl+Enter)</source>
        <translation>Die Notiz dem Datensatz hinzufügen (Strg+Eingabe)</translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="53"/>
        <source>The record&apos;s notes, newest first.</source>
        <translation>Die Notizen des Datensatzes, die neueste zuerst.</translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="95"/>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="100"/>
        <source>No notes yet.</source>
        <translation>Noch keine Notizen.</translation>
    </message>
</context>
<context>
    <name>Rapport::NoticeBar</name>
    <message>
        <location filename="../ui/window/noticebar.cpp" line="33"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../ui/window/noticebar.cpp" line="34"/>
        <source>Close the notice</source>
        <translation>Hinweis schließen</translation>
    </message>
</context>
<context>
    <name>Rapport::Notifier</name>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="28"/>
        <source>Reminder</source>
        <translation>Erinnerung</translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="34"/>
        <source>%1, due %2</source>
        <translation>%1, fällig am %2</translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="36"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="49"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="51"/>
        <source>Snooze 10 minutes</source>
        <translation>10 Minuten zurückstellen</translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="53"/>
        <source>Snooze 1 hour</source>
        <translation>1 Stunde zurückstellen</translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="55"/>
        <source>Tomorrow morning</source>
        <translation>Bis morgen früh</translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="57"/>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>Rapport::Noun</name>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="427"/>
        <source>lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="427"/>
        <source>leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="428"/>
        <source>contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="428"/>
        <source>contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="429"/>
        <source>account</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="429"/>
        <source>accounts</source>
        <translation>Firmen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="430"/>
        <source>deal</source>
        <translation>Deal</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="430"/>
        <source>deals</source>
        <translation>Deals</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="431"/>
        <source>activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="431"/>
        <source>activities</source>
        <translation>Aktivitäten</translation>
    </message>
</context>
<context>
    <name>Rapport::OpenActivities</name>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="61"/>
        <source>&amp;Done…</source>
        <translation>&amp;Erledigt…</translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="61"/>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="63"/>
        <source>Complete the selected activity, and plan the next step</source>
        <translation>Die ausgewählte Aktivität erledigen und den nächsten Schritt planen</translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="64"/>
        <source>+1 D&amp;ay</source>
        <translation>+1 T&amp;ag</translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="64"/>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="66"/>
        <source>Move the selected activity a day on, at the same time</source>
        <translation>Die ausgewählte Aktivität um einen Tag verschieben, zur selben Uhrzeit</translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="74"/>
        <source>Open activities</source>
        <translation>Offene Aktivitäten</translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="76"/>
        <source>The open activities on this record, soonest first; Enter opens one, Ctrl+D completes it, Ctrl+Shift+D moves it a day on.</source>
        <translation>Die offenen Aktivitäten dieses Datensatzes, die nächstfällige zuerst; Enter öffnet eine, Strg+D erledigt sie, Strg+Umschalt+D verschiebt sie um einen Tag.</translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="78"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="78"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="78"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
</context>
<context>
    <name>Rapport::OwnerActions</name>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="28"/>
        <source>S&amp;witch User…</source>
        <translation>Benutzer &amp;wechseln…</translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="30"/>
        <source>&amp;Assign To…</source>
        <translation>&amp;Zuweisen…</translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="32"/>
        <source>Reps Change &amp;Only Their Own Records</source>
        <translation>&amp;Nur eigene Datensätze ändern (Vertrieb)</translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="36"/>
        <source>Ctrl+Shift+U</source>
        <translation>Ctrl+Shift+U</translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="37"/>
        <source>Work as another user of this database (Ctrl+Shift+U)</source>
        <translation>Als anderer Benutzer dieser Datenbank arbeiten (Strg+Umschalt+U)</translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="39"/>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="40"/>
        <source>Give the selected records to another user (Ctrl+Shift+A)</source>
        <translation>Die ausgewählten Datensätze einem anderen Benutzer zuweisen (Strg+Umschalt+A)</translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="43"/>
        <source>Ctrl+Alt+O</source>
        <translation>Ctrl+Alt+O</translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="44"/>
        <source>Let the server refuse reps’ changes to records they do not own (admins only, on a server; Ctrl+Alt+O)</source>
        <translation>Den Server Änderungen von Vertriebsmitarbeitern an Datensätzen ablehnen lassen, für die sie nicht zuständig sind (nur Administratoren, nur auf einem Server; Strg+Alt+O)</translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="76"/>
        <location filename="../ui/window/owneractions.cpp" line="80"/>
        <source>Who are you?</source>
        <translation>Wer sind Sie?</translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="121"/>
        <source>Switch User</source>
        <translation>Benutzer wechseln</translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="134"/>
        <source>Reps Change Only Their Own Records</source>
        <translation>Nur eigene Datensätze ändern (Vertrieb)</translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="153"/>
        <source>Assign To</source>
        <translation>Zuweisen</translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="153"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
</context>
<context>
    <name>Rapport::OwnerPicker</name>
    <message>
        <location filename="../ui/records/ownerpicker.cpp" line="21"/>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
</context>
<context>
    <name>Rapport::OwnerPrompt</name>
    <message>
        <location filename="../ui/records/ownerprompt.cpp" line="25"/>
        <source>New user</source>
        <translation>Neuer Benutzer</translation>
    </message>
    <message>
        <location filename="../ui/records/ownerprompt.cpp" line="26"/>
        <source>“%1” is not one of the users yet. Add them as a user?</source>
        <translation>„%1“ ist noch kein Benutzer. Als Benutzer hinzufügen?</translation>
    </message>
    <message>
        <location filename="../ui/records/ownerprompt.cpp" line="28"/>
        <source>Records can only be owned by users; a new one can be picked as owner from then on.</source>
        <translation>Zuständig für Datensätze können nur Benutzer sein; ein neuer Benutzer kann danach als Zuständiger gewählt werden.</translation>
    </message>
    <message>
        <location filename="../ui/records/ownerprompt.cpp" line="30"/>
        <source>&amp;Add User</source>
        <translation>Benutzer &amp;hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/records/ownerprompt.cpp" line="31"/>
        <source>&amp;Go Back</source>
        <translation>&amp;Zurück</translation>
    </message>
</context>
<context>
    <name>Rapport::ParentRecords</name>
    <message>
        <location filename="../models/transfer/parentrecords.cpp" line="139"/>
        <source>The %1 “%2” could not be made: %3</source>
        <translation>%1 „%2“ konnte nicht angelegt werden: %3</translation>
    </message>
</context>
<context>
    <name>Rapport::Picklist</name>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="213"/>
        <source>Mr.</source>
        <translation>Herr</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="214"/>
        <source>Mrs.</source>
        <translation>Frau</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="215"/>
        <source>Ms.</source>
        <translation>Frau</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="216"/>
        <source>Dr.</source>
        <translation>Dr.</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="217"/>
        <source>Prof.</source>
        <translation>Prof.</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="220"/>
        <source>Advertisement</source>
        <translation>Anzeige</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="221"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="222"/>
        <source>Cold Call</source>
        <translation>Kaltakquise</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="223"/>
        <source>Employee Referral</source>
        <translation>Mitarbeiterempfehlung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="224"/>
        <source>External Referral</source>
        <translation>Externe Empfehlung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="225"/>
        <source>Online Store</source>
        <translation>Onlineshop</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="226"/>
        <location filename="../models/records/recordtypes.cpp" line="274"/>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="227"/>
        <source>Partner Referral</source>
        <translation>Partnerempfehlung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="228"/>
        <source>Public Relations</source>
        <translation>Öffentlichkeitsarbeit</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="229"/>
        <source>Seminar</source>
        <translation>Seminar</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="230"/>
        <source>Trade Show</source>
        <translation>Messe</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="231"/>
        <source>Web Download</source>
        <translation>Web-Download</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="232"/>
        <source>Web Research</source>
        <translation>Webrecherche</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="235"/>
        <source>Not Contacted</source>
        <translation>Nicht kontaktiert</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="236"/>
        <source>Attempted to Contact</source>
        <translation>Kontaktversuch</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="237"/>
        <source>Contact in Future</source>
        <translation>Später kontaktieren</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="238"/>
        <source>Contacted</source>
        <translation>Kontaktiert</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="239"/>
        <source>Pre-Qualified</source>
        <translation>Vorqualifiziert</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="240"/>
        <source>Not Qualified</source>
        <translation>Nicht qualifiziert</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="241"/>
        <source>Junk Lead</source>
        <translation>Unbrauchbarer Lead</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="242"/>
        <source>Lost Lead</source>
        <translation>Verlorener Lead</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="245"/>
        <source>Agriculture</source>
        <translation>Landwirtschaft</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="246"/>
        <source>Banking</source>
        <translation>Bankwesen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="247"/>
        <source>Construction</source>
        <translation>Bauwesen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="248"/>
        <source>Consulting</source>
        <translation>Beratung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="249"/>
        <source>Education</source>
        <translation>Bildung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="250"/>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="251"/>
        <source>Finance</source>
        <translation>Finanzwesen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="252"/>
        <source>Government</source>
        <translation>Öffentliche Verwaltung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="253"/>
        <source>Healthcare</source>
        <translation>Gesundheitswesen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="254"/>
        <source>Hospitality</source>
        <translation>Gastgewerbe</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="255"/>
        <source>Insurance</source>
        <translation>Versicherungen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="256"/>
        <source>Manufacturing</source>
        <translation>Fertigung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="257"/>
        <source>Media</source>
        <translation>Medien</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="258"/>
        <source>Non-Profit</source>
        <translation>Gemeinnützig</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="259"/>
        <source>Real Estate</source>
        <translation>Immobilien</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="260"/>
        <source>Retail</source>
        <translation>Einzelhandel</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="261"/>
        <source>Software</source>
        <translation>Software</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="262"/>
        <source>Telecommunications</source>
        <translation>Telekommunikation</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="263"/>
        <source>Transportation</source>
        <translation>Transport und Logistik</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="264"/>
        <location filename="../models/records/recordtypes.cpp" line="280"/>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="267"/>
        <source>Hot</source>
        <translation>Heiß</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="268"/>
        <source>Warm</source>
        <translation>Warm</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="269"/>
        <source>Cold</source>
        <translation>Kalt</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="272"/>
        <source>Prospect</source>
        <translation>Interessent</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="273"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="275"/>
        <source>Reseller</source>
        <translation>Wiederverkäufer</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="276"/>
        <source>Distributor</source>
        <translation>Distributor</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="277"/>
        <source>Competitor</source>
        <translation>Wettbewerber</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="278"/>
        <source>Investor</source>
        <translation>Investor</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="279"/>
        <source>Press</source>
        <translation>Presse</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="283"/>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="284"/>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="285"/>
        <source>Meeting</source>
        <translation>Termin</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="286"/>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="289"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="290"/>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="293"/>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="294"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="295"/>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="300"/>
        <source>At due time</source>
        <translation>Zum Fälligkeitszeitpunkt</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="301"/>
        <source>5 minutes before</source>
        <translation>5 Minuten vorher</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="302"/>
        <source>15 minutes before</source>
        <translation>15 Minuten vorher</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="303"/>
        <source>30 minutes before</source>
        <translation>30 Minuten vorher</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="304"/>
        <source>1 hour before</source>
        <translation>1 Stunde vorher</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="305"/>
        <source>2 hours before</source>
        <translation>2 Stunden vorher</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="306"/>
        <source>1 day before</source>
        <translation>1 Tag vorher</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="307"/>
        <source>1 week before</source>
        <translation>1 Woche vorher</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="310"/>
        <source>Connected</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="311"/>
        <source>No Answer</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="312"/>
        <source>Left Voicemail</source>
        <translation>Auf Mailbox gesprochen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="313"/>
        <source>Busy</source>
        <translation>Besetzt</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="316"/>
        <source>Qualification</source>
        <translation>Qualifizierung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="317"/>
        <source>Needs Analysis</source>
        <translation>Bedarfsanalyse</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="318"/>
        <source>Proposal</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="319"/>
        <source>Negotiation</source>
        <translation>Verhandlung</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="320"/>
        <source>Closed Won</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="321"/>
        <source>Closed Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="511"/>
        <source>Converted</source>
        <translation>Konvertiert</translation>
    </message>
</context>
<context>
    <name>Rapport::RecentDatabases</name>
    <message>
        <location filename="../ui/window/recentdatabases.cpp" line="55"/>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <location filename="../ui/window/recentdatabases.cpp" line="61"/>
        <source>No recent databases</source>
        <translation>Keine zuletzt geöffneten Datenbanken</translation>
    </message>
    <message>
        <location filename="../ui/window/recentdatabases.cpp" line="65"/>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
</context>
<context>
    <name>Rapport::RecordDialog</name>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="46"/>
        <source>New Lead</source>
        <translation>Neuer Lead</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="47"/>
        <source>New Contact</source>
        <translation>Neuer Kontakt</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="48"/>
        <source>New Account</source>
        <translation>Neue Firma</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="49"/>
        <source>New Deal</source>
        <translation>Neuer Deal</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="50"/>
        <source>New Activity</source>
        <translation>Neue Aktivität</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="97"/>
        <source>Show Current &amp;Values</source>
        <translation>Aktuelle &amp;Werte anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="98"/>
        <source>Drop your changes and show the record as it is now</source>
        <translation>Ihre Änderungen verwerfen und den Datensatz so anzeigen, wie er jetzt ist</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="112"/>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="161"/>
        <source>Open the account in a window of its own</source>
        <translation>Die Firma in einem eigenen Fenster öffnen</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="173"/>
        <location filename="../ui/records/recorddialog.cpp" line="522"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="176"/>
        <source>Save and close (Ctrl+S, Enter)</source>
        <translation>Speichern und schließen (Strg+S, Eingabetaste)</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="178"/>
        <source>Save &amp;&amp; &amp;New</source>
        <translation>Speichern &amp;&amp; &amp;Neu</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="181"/>
        <source>Save and start another (Ctrl+Shift+S)</source>
        <translation>Speichern und neuen Datensatz anlegen (Strg+Umschalt+S)</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="vanished">Kontakte</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation type="vanished">Deals</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="185"/>
        <source>Close the record (Esc); changes not saved yet are asked about</source>
        <translation>Den Datensatz schließen (Esc); nach noch nicht gespeicherten Änderungen wird gefragt</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="263"/>
        <source>This record was deleted elsewhere while you edited it here.</source>
        <translation>Dieser Datensatz wurde an anderer Stelle gelöscht, während Sie ihn hier bearbeitet haben.</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="264"/>
        <source>%1 deleted this record while you edited it here.</source>
        <translation>%1 hat diesen Datensatz gelöscht, während Sie ihn hier bearbeitet haben.</translation>
    </message>
    <message>
        <source>This record was changed elsewhere while you edited it here. Saving shows both versions, to choose from field by field.</source>
        <translation type="vanished">Dieser Datensatz wurde an anderer Stelle geändert, während Sie ihn hier bearbeitet haben. Beim Speichern werden beide Versionen angezeigt, damit Sie Feld für Feld wählen können.</translation>
    </message>
    <message>
        <source>%1 changed this record while you edited it here. Saving shows both versions, to choose from field by field.</source>
        <translation type="vanished">%1 hat diesen Datensatz geändert, während Sie ihn hier bearbeitet haben. Beim Speichern werden beide Versionen angezeigt, damit Sie Feld für Feld wählen können.</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="269"/>
        <source>This record was changed elsewhere while you edited it here. Saving keeps the other changes too, and asks where both of you changed the same field.</source>
        <translation>Dieser Datensatz wurde an anderer Stelle geändert, während Sie ihn hier bearbeitet haben. Beim Speichern bleiben auch die anderen Änderungen erhalten; wo Sie beide dasselbe Feld geändert haben, werden Sie gefragt.</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="271"/>
        <source>%1 changed this record while you edited it here. Saving keeps their changes too, and asks where you both changed the same field.</source>
        <translation>%1 hat diesen Datensatz geändert, während Sie ihn hier bearbeitet haben. Beim Speichern bleiben auch diese Änderungen erhalten; wo Sie beide dasselbe Feld geändert haben, werden Sie gefragt.</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="310"/>
        <source>New &amp;Activity…</source>
        <translation>Neue &amp;Aktivität…</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="312"/>
        <source>Plan a task, call or meeting on this record (Ctrl+T)</source>
        <translation>Eine Aufgabe, einen Anruf oder einen Termin zu diesem Datensatz planen (Strg+T)</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="323"/>
        <source>The %1 of this record; Enter opens the selected one.</source>
        <translation>Die %1 dieses Datensatzes; die Eingabetaste öffnet den ausgewählten.</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="343"/>
        <source>Could not change the attendees</source>
        <translation>Die Teilnehmer konnten nicht geändert werden</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="349"/>
        <location filename="../ui/records/recorddialog.cpp" line="435"/>
        <source>Could not add the note</source>
        <translation>Notiz konnte nicht hinzugefügt werden</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="358"/>
        <source>&amp;Notes</source>
        <translation>&amp;Notizen</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="359"/>
        <source>Notes on this record</source>
        <translation>Notizen zu diesem Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="361"/>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="362"/>
        <source>Every change to this record, who made it and when, newest first</source>
        <translation>Jede Änderung an diesem Datensatz, wer sie wann gemacht hat, Neuestes zuerst</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="374"/>
        <source>%1 #%2 no longer exists</source>
        <translation>%1 #%2 existiert nicht mehr</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="378"/>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="393"/>
        <source>Open account “%1”</source>
        <translation>Firma „%1“ öffnen</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="393"/>
        <source>No account</source>
        <translation>Keine Firma</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="412"/>
        <source>Possible duplicate</source>
        <translation>Mögliche Dublette</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="414"/>
        <source>Add it anyway, or go back and open the one you have.</source>
        <translation>Trotzdem anlegen, oder zurückgehen und den vorhandenen Datensatz öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="415"/>
        <source>&amp;Add Anyway</source>
        <translation>Trotzdem &amp;anlegen</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="416"/>
        <source>&amp;Go Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="482"/>
        <source>Could not save</source>
        <translation>Speichern fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="520"/>
        <source>Save the changes to this record before closing?</source>
        <translation>Änderungen an diesem Datensatz vor dem Schließen speichern?</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="521"/>
        <source>Changes you don&apos;t save are lost.</source>
        <translation>Nicht gespeicherte Änderungen gehen verloren.</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="523"/>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="524"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="555"/>
        <source>lead %1</source>
        <translation>Lead %1</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="556"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="563"/>
        <source>This may be an account you have already: %1. Open it instead of adding the same company twice.</source>
        <translation>Das ist vielleicht eine Firma, die Sie schon haben: %1. Öffnen Sie sie, statt dieselbe Firma zweimal anzulegen.</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="567"/>
        <source>This may be someone you have already, as a contact or a lead: %1. Open them instead of adding the same person twice.</source>
        <translation>Das ist vielleicht jemand, den Sie schon als Kontakt oder Lead haben: %1. Öffnen Sie den Datensatz, statt dieselbe Person zweimal anzulegen.</translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="569"/>
        <source>This may be a contact you have already: %1. Open it instead of adding the same person twice.</source>
        <translation>Das ist vielleicht ein Kontakt, den Sie schon haben: %1. Öffnen Sie ihn, statt dieselbe Person zweimal anzulegen.</translation>
    </message>
</context>
<context>
    <name>Rapport::RecordForm</name>
    <message>
        <location filename="../ui/records/recordform.cpp" line="125"/>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="131"/>
        <source>Required</source>
        <translation>Pflichtfeld</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="180"/>
        <source>How it repeats; Alt+Down lists the usual repeats, Custom… sets any.</source>
        <translation>Wie es sich wiederholt; Alt+Pfeil nach unten zeigt die üblichen Wiederholungen, „Benutzerdefiniert…“ legt jede fest.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="183"/>
        <source>A line of text.</source>
        <translation>Eine Zeile Text.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="184"/>
        <source>Text of several lines; Tab leaves it.</source>
        <translation>Text über mehrere Zeilen; die Tabulatortaste verlässt das Feld.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="185"/>
        <source>An email address.</source>
        <translation>Eine E-Mail-Adresse.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="186"/>
        <source>A phone number, best with its country code.</source>
        <translation>Eine Telefonnummer, am besten mit Ländervorwahl.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="187"/>
        <source>A web address.</source>
        <translation>Eine Webadresse.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="188"/>
        <source>A whole number.</source>
        <translation>Eine ganze Zahl.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="189"/>
        <source>An amount.</source>
        <translation>Ein Betrag.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="191"/>
        <source>A date, as %1; Alt+Down opens a calendar.</source>
        <translation>Ein Datum, etwa %1; Alt+Pfeil nach unten öffnet einen Kalender.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="195"/>
        <source>A date and time, as %1; Alt+Down opens a calendar.</source>
        <translation>Ein Datum mit Uhrzeit, etwa %1; Alt+Pfeil nach unten öffnet einen Kalender.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="198"/>
        <source>Yes or no; Space switches it.</source>
        <translation>Ja oder nein; die Leertaste schaltet um.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="199"/>
        <source>One of a list of values; Alt+Down opens it.</source>
        <translation>Ein Wert aus einer Liste; Alt+Pfeil nach unten öffnet sie.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="201"/>
        <source>The %1 it belongs to; type part of its name to find it.</source>
        <translation>Der verknüpfte Datensatz (%1); tippen Sie einen Teil des Namens, um ihn zu finden.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="206"/>
        <source>One of the users; type part of a name to find it.</source>
        <translation>Einer der Benutzer; tippen Sie einen Teil des Namens, um ihn zu finden.</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="207"/>
        <source>Required. %1</source>
        <translation>Pflichtfeld. %1</translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="368"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>Rapport::RecordStore</name>
    <message>
        <location filename="../models/storage/recordstore.cpp" line="251"/>
        <location filename="../models/storage/recordstore.cpp" line="472"/>
        <source>There is no %1 with id %2.</source>
        <translation>Es gibt keinen Datensatz vom Typ %1 mit der ID %2.</translation>
    </message>
    <message>
        <source>%1 %2 still has %3 and %4.</source>
        <translation type="vanished">%1 (ID %2) hat noch %3 und %4.</translation>
    </message>
    <message>
        <location filename="../models/storage/recordstore.cpp" line="263"/>
        <source>The %1 was changed since (it is at version %2, not %3).</source>
        <translation>Der Datensatz (%1) wurde seither geändert (er ist auf Version %2, nicht %3).</translation>
    </message>
    <message>
        <location filename="../models/storage/recordstore.cpp" line="320"/>
        <source>The server did not let the %1 be changed.</source>
        <translation>Der Server hat die Änderung (%1) nicht zugelassen.</translation>
    </message>
    <message>
        <location filename="../models/storage/recordstore.cpp" line="456"/>
        <source>The delete was cancelled; nothing was deleted.</source>
        <translation>Das Löschen wurde abgebrochen; es wurde nichts gelöscht.</translation>
    </message>
    <message>
        <location filename="../models/storage/recordstore.cpp" line="481"/>
        <source>Records to delete still have %1 and %2.</source>
        <translation>Zu löschende Datensätze haben noch %1 und %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/storage/recordstore.cpp" line="482"/>
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n Kontakt</numerusform>
            <numerusform>%n Kontakte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/storage/recordstore.cpp" line="484"/>
        <source>%n deal(s)</source>
        <translation>
            <numerusform>%n Geschäft</numerusform>
            <numerusform>%n Geschäfte</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2 still has %3 contact(s) and %4 deal(s).</source>
        <translation type="vanished">%1 (ID %2) hat noch %3 Kontakt(e) und %4 Deal(s).</translation>
    </message>
</context>
<context>
    <name>Rapport::RecordTab</name>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="106"/>
        <source>Search name, email, company, phone…</source>
        <translation>Name, E-Mail, Unternehmen, Telefon suchen…</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="85"/>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="86"/>
        <source>All sources</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="202"/>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="203"/>
        <source>Open and done</source>
        <translation>Offen und erledigt</translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="105"/>
        <source>Search %1</source>
        <translation>%1 durchsuchen</translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="121"/>
        <source>Whose %1</source>
        <translation>Wessen %1</translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="122"/>
        <source>Everyone&apos;s</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="123"/>
        <source>Mine</source>
        <translation>Meine</translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="130"/>
        <source>Converted leads</source>
        <translation>Konvertierte Leads</translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="131"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="132"/>
        <source>Converted</source>
        <translation>Konvertiert</translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="133"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="180"/>
        <source>Enter opens the selected %1, Del deletes it, Ctrl+F searches; the arrow keys move through the list, the column titles sort it.</source>
        <translation>Die Eingabetaste öffnet den ausgewählten Datensatz (%1), Entf löscht ihn, Strg+F sucht; die Pfeiltasten bewegen sich durch die Liste, die Spaltentitel sortieren sie.</translation>
    </message>
    <message>
        <source>No %1 yet</source>
        <translation type="vanished">Noch keine %1</translation>
    </message>
    <message>
        <source>Bring in the file you have, add the first one by hand, or try Rapport with sample records.</source>
        <translation type="vanished">Importieren Sie Ihre Datei, legen Sie den ersten Datensatz von Hand an, oder probieren Sie Rapport mit Beispieldaten aus.</translation>
    </message>
    <message>
        <source>&amp;Import a File…</source>
        <translation type="vanished">Datei &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Add the First %1</source>
        <translation type="vanished">%1 &amp;anlegen</translation>
    </message>
    <message>
        <source>Fill In &amp;Sample Data</source>
        <translation type="vanished">Beispieldaten ein&amp;fügen</translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="171"/>
        <source>All stages</source>
        <translation>Alle Phasen</translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="319"/>
        <source>Reset Columns</source>
        <translation>Spalten zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="348"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="348"/>
        <source>Searching…</source>
        <translation>Wird gesucht…</translation>
    </message>
</context>
<context>
    <name>Rapport::Recurrence</name>
    <message>
        <location filename="../models/records/recurrence.cpp" line="50"/>
        <source>“%1” is not a repeat rule (for example FREQ=WEEKLY;BYDAY=MO or FREQ=MONTHLY;BYDAY=3TU;COUNT=6).</source>
        <translation>„%1“ ist keine Wiederholungsregel (zum Beispiel FREQ=WEEKLY;BYDAY=MO oder FREQ=MONTHLY;BYDAY=3TU;COUNT=6).</translation>
    </message>
</context>
<context>
    <name>Rapport::ReferencePicker</name>
    <message>
        <location filename="../ui/records/referencepicker.cpp" line="34"/>
        <source>Type to search %1</source>
        <translation>Tippen, um %1 zu suchen</translation>
    </message>
    <message>
        <location filename="../ui/records/referencepicker.cpp" line="63"/>
        <location filename="../ui/records/referencepicker.cpp" line="112"/>
        <source>%1 (#%2)</source>
        <translation>%1 (#%2)</translation>
    </message>
</context>
<context>
    <name>Rapport::RelatedList</name>
    <message>
        <location filename="../ui/records/relatedlist.cpp" line="35"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="vanished">Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation type="vanished">Nein</translation>
    </message>
</context>
<context>
    <name>Rapport::ReminderActions</name>
    <message>
        <location filename="../ui/reminders/reminderactions.cpp" line="31"/>
        <source>&amp;Reminders…</source>
        <translation>&amp;Erinnerungen…</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderactions.cpp" line="33"/>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderactions.cpp" line="34"/>
        <source>The reminders that are due, to open, snooze or dismiss</source>
        <translation>Die fälligen Erinnerungen – öffnen, zurückstellen oder ausblenden</translation>
    </message>
</context>
<context>
    <name>Rapport::ReminderScheduler</name>
    <message>
        <location filename="../ui/reminders/reminderscheduler.cpp" line="158"/>
        <source>“%1” could not be snoozed: %2</source>
        <translation>„%1“ konnte nicht zurückgestellt werden: %2</translation>
    </message>
</context>
<context>
    <name>Rapport::RemindersWindow</name>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="30"/>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="31"/>
        <source>&amp;Snooze</source>
        <translation>&amp;Zurückstellen</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="33"/>
        <source>&amp;Dismiss</source>
        <translation>&amp;Ausblenden</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="35"/>
        <source>Dismiss &amp;All</source>
        <translation>A&amp;lle ausblenden</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="38"/>
        <location filename="../ui/reminders/reminderswindow.cpp" line="46"/>
        <source>Reminders</source>
        <translation>Erinnerungen</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="42"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="42"/>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="42"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="42"/>
        <source>Late</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="47"/>
        <source>The reminders that are due: Enter opens one, Del dismisses the selected ones.</source>
        <translation>Die fälligen Erinnerungen: Die Eingabetaste öffnet eine, Entf blendet die ausgewählten aus.</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="66"/>
        <source>Open the record the activity is on</source>
        <translation>Den Datensatz öffnen, zu dem die Aktivität gehört</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="67"/>
        <source>Remind again later</source>
        <translation>Später erneut erinnern</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="68"/>
        <source>Take the selected reminders off the list</source>
        <translation>Die ausgewählten Erinnerungen aus der Liste nehmen</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="69"/>
        <source>Take every reminder off the list</source>
        <translation>Alle Erinnerungen aus der Liste nehmen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/reminders/reminderswindow.cpp" line="115"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/reminders/reminderswindow.cpp" line="117"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/reminders/reminderswindow.cpp" line="118"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="137"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="140"/>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="141"/>
        <source>due in %1</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="158"/>
        <source>No reminders are due.</source>
        <translation>Keine Erinnerungen fällig.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/reminders/reminderswindow.cpp" line="159"/>
        <source>%n reminder(s) due.</source>
        <translation>
            <numerusform>%n Erinnerung fällig.</numerusform>
            <numerusform>%n Erinnerungen fällig.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Rapport::RepeatDialog</name>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="32"/>
        <source>Repeat</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="34"/>
        <source>Repeat &amp;every:</source>
        <translation>Wiederholen &amp;alle:</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="35"/>
        <location filename="../ui/records/repeatdialog.cpp" line="36"/>
        <source>On:</source>
        <translation>Am:</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="37"/>
        <source>Ends:</source>
        <translation>Endet:</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="59"/>
        <source>Repeat every</source>
        <translation>Wiederholen alle</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="63"/>
        <source>Repeat unit</source>
        <translation>Einheit der Wiederholung</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="98"/>
        <source>on &amp;day</source>
        <translation>am &amp;Tag</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="103"/>
        <source>Day of the month</source>
        <translation>Tag des Monats</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="104"/>
        <source>on the</source>
        <translation>am</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="108"/>
        <source>Which weekday of the month</source>
        <translation>Welcher Wochentag im Monat</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="110"/>
        <source>first</source>
        <translation>ersten</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="110"/>
        <source>second</source>
        <translation>zweiten</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="110"/>
        <source>third</source>
        <translation>dritten</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="110"/>
        <source>fourth</source>
        <translation>vierten</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="110"/>
        <source>last</source>
        <translation>letzten</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="115"/>
        <source>Weekday</source>
        <translation>Wochentag</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="139"/>
        <source>&amp;never</source>
        <translation>&amp;nie</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="141"/>
        <source>&amp;on</source>
        <translation>a&amp;m</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="145"/>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="146"/>
        <source>&amp;after</source>
        <translation>na&amp;ch</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="151"/>
        <source> times</source>
        <translation> Mal</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="152"/>
        <source>How many times</source>
        <translation>Wie oft</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/repeatdialog.cpp" line="209"/>
        <source>day(s)</source>
        <translation>
            <numerusform>Tag</numerusform>
            <numerusform>Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/repeatdialog.cpp" line="209"/>
        <source>week(s)</source>
        <translation>
            <numerusform>Woche</numerusform>
            <numerusform>Wochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/repeatdialog.cpp" line="210"/>
        <source>month(s)</source>
        <translation>
            <numerusform>Monat</numerusform>
            <numerusform>Monate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/repeatdialog.cpp" line="210"/>
        <source>year(s)</source>
        <translation>
            <numerusform>Jahr</numerusform>
            <numerusform>Jahre</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="227"/>
        <source>Enter the last day, or choose another end.</source>
        <translation>Geben Sie den letzten Tag ein oder wählen Sie ein anderes Ende.</translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="228"/>
        <source>Choose at least one weekday.</source>
        <translation>Wählen Sie mindestens einen Wochentag.</translation>
    </message>
</context>
<context>
    <name>Rapport::RepeatEditor</name>
    <message>
        <location filename="../ui/records/repeateditor.cpp" line="46"/>
        <source>Does not repeat</source>
        <translation>Keine Wiederholung</translation>
    </message>
    <message>
        <location filename="../ui/records/repeateditor.cpp" line="58"/>
        <source>Custom…</source>
        <translation>Benutzerdefiniert…</translation>
    </message>
</context>
<context>
    <name>Rapport::RepeatPattern</name>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="81"/>
        <source>first</source>
        <translation>ersten</translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="82"/>
        <source>second</source>
        <translation>zweiten</translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="83"/>
        <source>third</source>
        <translation>dritten</translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="84"/>
        <source>fourth</source>
        <translation>vierten</translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="86"/>
        <source>last</source>
        <translation>letzten</translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="93"/>
        <source>Every weekday (Monday to Friday)</source>
        <translation>Jeden Werktag (Montag bis Freitag)</translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="95"/>
        <source>Every week</source>
        <translation>Jede Woche</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/records/repeatpattern.cpp" line="96"/>
        <source>Every %n week(s)</source>
        <translation>
            <numerusform>Jede Woche</numerusform>
            <numerusform>Alle %n Wochen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="101"/>
        <source>Weekly on %1</source>
        <translation>Wöchentlich am %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/records/repeatpattern.cpp" line="102"/>
        <source>Every %n week(s) on %1</source>
        <translation>
            <numerusform>Jede Woche am %1</numerusform>
            <numerusform>Alle %n Wochen am %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="108"/>
        <source>on day %1</source>
        <translation>am %1.</translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="109"/>
        <source>on the %1 %2</source>
        <translation>am %1 %2</translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="110"/>
        <source>Monthly %1</source>
        <translation>Monatlich %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/records/repeatpattern.cpp" line="111"/>
        <source>Every %n month(s) %1</source>
        <translation>
            <numerusform>Jeden Monat %1</numerusform>
            <numerusform>Alle %n Monate %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="166"/>
        <source>Every day</source>
        <translation>Täglich</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/records/repeatpattern.cpp" line="166"/>
        <source>Every %n day(s)</source>
        <translation>
            <numerusform>Jeden Tag</numerusform>
            <numerusform>Alle %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="171"/>
        <source>Every year</source>
        <translation>Jährlich</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/records/repeatpattern.cpp" line="171"/>
        <source>Every %n year(s)</source>
        <translation>
            <numerusform>Jedes Jahr</numerusform>
            <numerusform>Alle %n Jahre</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="175"/>
        <source>%1, until %2</source>
        <translation>%1, bis %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/records/repeatpattern.cpp" line="177"/>
        <source>%1, %n time(s)</source>
        <translation>
            <numerusform>%1, %n-mal</numerusform>
            <numerusform>%1, %n-mal</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Rapport::ServerLocation</name>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="53"/>
        <source>Enter the server&apos;s name or address.</source>
        <translation>Geben Sie den Namen oder die Adresse des Servers ein.</translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="58"/>
        <source>“%1” is not a server name or address.</source>
        <translation>„%1“ ist kein Servername und keine Serveradresse.</translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="61"/>
        <source>The port is a number from 1 to 65535.</source>
        <translation>Der Port ist eine Zahl von 1 bis 65535.</translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="63"/>
        <source>Enter the name of the database on the server.</source>
        <translation>Geben Sie den Namen der Datenbank auf dem Server ein.</translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="65"/>
        <source>Enter your login name on the server.</source>
        <translation>Geben Sie Ihren Anmeldenamen auf dem Server ein.</translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="67"/>
        <source>The database and login names cannot hold control characters.</source>
        <translation>Datenbank- und Anmeldename dürfen keine Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="70"/>
        <source>Choose the file of the certificate authority that signed the server&apos;s certificate, to check it against.</source>
        <translation>Wählen Sie die Datei der Zertifizierungsstelle, die das Zertifikat des Servers signiert hat, damit es daran geprüft werden kann.</translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="74"/>
        <source>The certificate authority&apos;s file “%1” cannot be read.</source>
        <translation>Die Datei der Zertifizierungsstelle „%1“ kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="77"/>
        <source>The path of the certificate authority&apos;s file cannot hold &apos;;&apos;; move the file to a folder without one.</source>
        <translation>Der Pfad der Datei der Zertifizierungsstelle darf kein „;“ enthalten; verschieben Sie die Datei in einen Ordner ohne dieses Zeichen.</translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="109"/>
        <source>“%1” is not a postgresql:// address.</source>
        <translation>„%1“ ist keine postgresql://-Adresse.</translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="111"/>
        <source>“%1” is not a server address: %2</source>
        <translation>„%1“ ist keine Serveradresse: %2</translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="125"/>
        <source>“%1” is not a TLS mode Rapport knows (disable, prefer, require or verify-full).</source>
        <translation>„%1“ ist kein TLS-Modus, den Rapport kennt (disable, prefer, require oder verify-full).</translation>
    </message>
</context>
<context>
    <name>Rapport::StageSettingsDialog</name>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="21"/>
        <source>Pipeline Stages</source>
        <translation>Pipeline-Phasen</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="23"/>
        <source>A deal moved into a stage gets its probability, unless the rep set one of their own. The board marks a deal that sits in a stage longer than its days as going stale (0: never).</source>
        <translation>Ein Deal, der in eine Phase kommt, erhält deren Wahrscheinlichkeit, außer der Vertrieb hat selbst eine gesetzt. Die Pipeline markiert einen Deal, der länger als die angegebenen Tage in einer Phase liegt, als liegen geblieben (0: nie).</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="31"/>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="31"/>
        <source>Probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="31"/>
        <source>Stale after</source>
        <translation>Liegt nach</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="43"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="45"/>
        <source>Probability of %1</source>
        <translation>Wahrscheinlichkeit von %1</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="49"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="50"/>
        <source> days</source>
        <translation> Tagen</translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="52"/>
        <source>Days before a deal in %1 goes stale</source>
        <translation>Tage, bis ein Deal in %1 als liegen geblieben gilt</translation>
    </message>
</context>
<context>
    <name>Rapport::Timeline</name>
    <message>
        <location filename="../models/history/timeline.cpp" line="158"/>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="160"/>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="165"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="167"/>
        <source>Attendees: %1 → %2</source>
        <translation>Teilnehmer: %1 → %2</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="170"/>
        <source>%1 changed</source>
        <translation>%1 geändert</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="174"/>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="177"/>
        <source>(deleted)</source>
        <translation>(gelöscht)</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="186"/>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="190"/>
        <source>Note deleted: %1</source>
        <translation>Notiz gelöscht: %1</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="191"/>
        <source>Note: %1</source>
        <translation>Notiz: %1</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="196"/>
        <source>%1 scheduled: %2</source>
        <translation>%1 geplant: %2</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="199"/>
        <source>%1 done: %2 (%3)</source>
        <translation>%1 erledigt: %2 (%3)</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="200"/>
        <source>%1 done: %2</source>
        <translation>%1 erledigt: %2</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="202"/>
        <source>%1 reopened: %2</source>
        <translation>%1 wieder geöffnet: %2</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="206"/>
        <source>Converted</source>
        <translation>Umgewandelt</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="207"/>
        <source>Made from a converted lead</source>
        <translation>Aus einem umgewandelten Lead entstanden</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="211"/>
        <source>Conversion undone</source>
        <translation>Umwandlung rückgängig gemacht</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="212"/>
        <source>The lead it was made from was unconverted</source>
        <translation>Die Umwandlung des Leads, aus dem er entstand, wurde rückgängig gemacht</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="215"/>
        <source>Imported from %1</source>
        <translation>Importiert aus %1</translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="217"/>
        <source>Import of %1 undone</source>
        <translation>Import von %1 rückgängig gemacht</translation>
    </message>
</context>
<context>
    <name>Rapport::TimelinePanel</name>
    <message>
        <location filename="../ui/records/timelinepanel.cpp" line="23"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/records/timelinepanel.cpp" line="24"/>
        <source>What happened to this record, newest first</source>
        <translation>Was mit diesem Datensatz geschah, Neuestes zuerst</translation>
    </message>
    <message>
        <location filename="../ui/records/timelinepanel.cpp" line="27"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../ui/records/timelinepanel.cpp" line="27"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../ui/records/timelinepanel.cpp" line="27"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../ui/records/timelinepanel.cpp" line="33"/>
        <source>Show &amp;Older</source>
        <translation>&amp;Ältere zeigen</translation>
    </message>
</context>
<context>
    <name>Rapport::TrayNotifier</name>
    <message>
        <location filename="../ui/reminders/traynotifier.cpp" line="64"/>
        <source>Reminder: %1</source>
        <translation>Erinnerung: %1</translation>
    </message>
</context>
<context>
    <name>Rapport::UserDialog</name>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="22"/>
        <source>Welcome to Rapport</source>
        <translation>Willkommen bei Rapport</translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="22"/>
        <source>Switch User</source>
        <translation>Benutzer wechseln</translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="26"/>
        <source>Who are you? Records you add are yours, and “Mine” shows them. Pick your name if it is listed, or type it.</source>
        <translation>Wer sind Sie? Für Datensätze, die Sie anlegen, sind Sie zuständig, und „Meine“ zeigt sie an. Wählen Sie Ihren Namen aus der Liste oder geben Sie ihn ein.</translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="28"/>
        <source>Work as another user: new records are theirs, and “Mine” shows their records.</source>
        <translation>Als anderer Benutzer arbeiten: Für neue Datensätze ist dann dieser Benutzer zuständig, und „Meine“ zeigt seine Datensätze.</translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="40"/>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="46"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="49"/>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="51"/>
        <source>Your email address</source>
        <translation>Ihre E-Mail-Adresse</translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="52"/>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="58"/>
        <source>&amp;Continue</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="58"/>
        <source>&amp;Switch</source>
        <translation>&amp;Wechseln</translation>
    </message>
</context>
<context>
    <name>Rapport::VCardReader</name>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="70"/>
        <source>The value on line %1 is longer than %2 bytes: this is probably not a vCard file.</source>
        <translation>Der Wert in Zeile %1 ist länger als %2 Byte: Dies ist wahrscheinlich keine vCard-Datei.</translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="115"/>
        <source>Line %1 contains a control character (0x%2): this is not a vCard file.</source>
        <translation>Zeile %1 enthält ein Steuerzeichen (0x%2): Dies ist keine vCard-Datei.</translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="131"/>
        <source>Line %1 is longer than %2 bytes: this is not a vCard file, or it is damaged.</source>
        <translation>Zeile %1 ist länger als %2 Byte: Dies ist keine vCard-Datei, oder sie ist beschädigt.</translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="170"/>
        <source>This vCard file is in UTF-16, which Rapport does not read: save it as UTF-8.</source>
        <translation>Diese vCard-Datei ist in UTF-16 kodiert, das Rapport nicht liest: Speichern Sie sie als UTF-8.</translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="178"/>
        <source>The file holds no cards: it is empty or not a vCard file.</source>
        <translation>Die Datei enthält keine vCards: Sie ist leer oder keine vCard-Datei.</translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="189"/>
        <source>Line %1 is not the start of a card (BEGIN:VCARD): this is not a vCard file, or it is damaged.</source>
        <translation>Zeile %1 ist nicht der Anfang einer vCard (BEGIN:VCARD): Dies ist keine vCard-Datei, oder sie ist beschädigt.</translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="204"/>
        <source>The card starting on line %1 is larger than %2 bytes: this is probably not a vCard file.</source>
        <translation>Die in Zeile %1 beginnende vCard ist größer als %2 Byte: Dies ist wahrscheinlich keine vCard-Datei.</translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="229"/>
        <source>The card starting on line %1 has more than %2 properties: this is probably not a vCard file.</source>
        <translation>Die in Zeile %1 beginnende vCard hat mehr als %2 Eigenschaften: Dies ist wahrscheinlich keine vCard-Datei.</translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="262"/>
        <source>The file ends before this card’s END:VCARD: it was cut short.</source>
        <translation>Die Datei endet vor dem END:VCARD dieser vCard: Sie ist unvollständig.</translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="264"/>
        <source>This card is vCard version %1, which Rapport cannot read (it reads 2.1, 3.0 and 4.0).</source>
        <translation>Diese vCard hat die Version %1, die Rapport nicht lesen kann (lesbar sind 2.1, 3.0 und 4.0).</translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="267"/>
        <source>This card has text that is not valid in its character set.</source>
        <translation>Diese vCard enthält Text, der in ihrem Zeichensatz ungültig ist.</translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="269"/>
        <source>This card has no name: no N, FN or ORG.</source>
        <translation>Diese vCard hat keinen Namen: weder N noch FN noch ORG.</translation>
    </message>
</context>
<context>
    <name>Rapport::VCardWriter</name>
    <message>
        <location filename="../models/vcard/vcardwriter.cpp" line="128"/>
        <source>Could not write the file: %1</source>
        <translation>Die Datei konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>Rapport::Validation</name>
    <message>
        <location filename="../models/records/validation.cpp" line="33"/>
        <source>%1: “%2” is not a valid email address.</source>
        <translation>%1: „%2“ ist keine gültige E-Mail-Adresse.</translation>
    </message>
    <message>
        <location filename="../models/records/validation.cpp" line="40"/>
        <source>%1: “%2” is not a whole number.</source>
        <translation>%1: „%2“ ist keine ganze Zahl.</translation>
    </message>
    <message>
        <location filename="../models/records/validation.cpp" line="42"/>
        <source>%1: %2 is not between %3 and %4.</source>
        <translation>%1: %2 liegt nicht zwischen %3 und %4.</translation>
    </message>
    <message>
        <location filename="../models/records/validation.cpp" line="49"/>
        <source>%1: “%2” is not a number.</source>
        <translation>%1: „%2“ ist keine Zahl.</translation>
    </message>
    <message>
        <location filename="../models/records/validation.cpp" line="53"/>
        <source>%1: “%2” is not a date (YYYY-MM-DD).</source>
        <translation>%1: „%2“ ist kein Datum (JJJJ-MM-TT).</translation>
    </message>
    <message>
        <location filename="../models/records/validation.cpp" line="61"/>
        <source>%1: “%2” is not a date and time (YYYY-MM-DDTHH:MM:SSZ).</source>
        <translation>%1: „%2“ ist kein Datum mit Uhrzeit (JJJJ-MM-TTTHH:MM:SSZ).</translation>
    </message>
    <message>
        <location filename="../models/records/validation.cpp" line="99"/>
        <source>%1 is required.</source>
        <translation>%1 ist ein Pflichtfeld.</translation>
    </message>
</context>
<context>
    <name>Rapport::Value</name>
    <message>
        <location filename="../models/records/valuetext.cpp" line="38"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../models/records/valuetext.cpp" line="39"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>Rapport::XlsxReader</name>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="18"/>
        <location filename="../models/xlsx/xlsxworkbook.cpp" line="102"/>
        <source>This file is not an Excel workbook (.xlsx).</source>
        <translation>Diese Datei ist keine Excel-Arbeitsmappe (.xlsx).</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="21"/>
        <source>The workbook is damaged or incomplete (perhaps it was not completely downloaded or copied). Open it in Excel or LibreOffice and save it again.</source>
        <translation>Die Arbeitsmappe ist beschädigt oder unvollständig (vielleicht wurde sie nicht vollständig heruntergeladen oder kopiert). Öffnen Sie sie in Excel oder LibreOffice und speichern Sie sie erneut.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="25"/>
        <source>The workbook is password-protected. Open it in Excel or LibreOffice, save it without a password and import it again.</source>
        <translation>Die Arbeitsmappe ist kennwortgeschützt. Öffnen Sie sie in Excel oder LibreOffice, speichern Sie sie ohne Kennwort und importieren Sie sie erneut.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="29"/>
        <source>This is an old Excel workbook (.xls). Open it in Excel or LibreOffice, save it as an Excel workbook (.xlsx) or as CSV and import that.</source>
        <translation>Dies ist eine alte Excel-Arbeitsmappe (.xls). Öffnen Sie sie in Excel oder LibreOffice, speichern Sie sie als Excel-Arbeitsmappe (.xlsx) oder als CSV und importieren Sie diese Datei.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="33"/>
        <source>The file cannot be opened: %1</source>
        <translation>Die Datei kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="36"/>
        <source>The workbook would unpack to more than %1 MB, more than Rapport reads: it is damaged or built to harm.</source>
        <translation>Die Arbeitsmappe würde entpackt mehr als %1 MB umfassen, mehr als Rapport liest: Sie ist beschädigt oder absichtlich schädlich erstellt.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="40"/>
        <source>The workbook&apos;s part “%1” is packed more tightly than any real workbook (over %2 to 1): it is damaged or built to harm.</source>
        <translation>Der Teil „%1“ der Arbeitsmappe ist stärker komprimiert als in jeder echten Arbeitsmappe (über %2 zu 1): Sie ist beschädigt oder absichtlich schädlich erstellt.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="44"/>
        <location filename="../models/xlsx/xlsxworkbook.cpp" line="104"/>
        <source>The workbook is incomplete: its part “%1” is missing.</source>
        <translation>Die Arbeitsmappe ist unvollständig: Ihr Teil „%1“ fehlt.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="47"/>
        <source>The workbook&apos;s part “%1” is larger than Rapport reads (%2 MB).</source>
        <translation>Der Teil „%1“ der Arbeitsmappe ist größer, als Rapport liest (%2 MB).</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="50"/>
        <source>The workbook&apos;s part “%1” unpacks to more than its stated size: the file is damaged or built to harm.</source>
        <translation>Der Teil „%1“ der Arbeitsmappe ist entpackt größer als angegeben: Die Datei ist beschädigt oder absichtlich schädlich erstellt.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="54"/>
        <source>The workbook&apos;s part “%1” is damaged and cannot be unpacked. Open the workbook in Excel or LibreOffice and save it again.</source>
        <translation>Der Teil „%1“ der Arbeitsmappe ist beschädigt und kann nicht entpackt werden. Öffnen Sie die Arbeitsmappe in Excel oder LibreOffice und speichern Sie sie erneut.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxcells.cpp" line="181"/>
        <source>The workbook&apos;s part “%1” is damaged: %2 (line %3).</source>
        <translation>Der Teil „%1“ der Arbeitsmappe ist beschädigt: %2 (Zeile %3).</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxsharedstrings.cpp" line="34"/>
        <source>The workbook holds more text than Rapport reads (%1 million characters). Save the sheet as CSV and import that.</source>
        <translation>Die Arbeitsmappe enthält mehr Text, als Rapport liest (%1 Millionen Zeichen). Speichern Sie das Tabellenblatt als CSV und importieren Sie diese Datei.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxworkbook.cpp" line="139"/>
        <source>The workbook has no worksheets.</source>
        <translation>Die Arbeitsmappe hat keine Tabellenblätter.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxreader.cpp" line="84"/>
        <source>The workbook has no sheet number %1.</source>
        <translation>Die Arbeitsmappe hat kein Tabellenblatt Nummer %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/xlsx/xlsxreader.cpp" line="108"/>
        <source>%n cells hold formulas; their last computed values were imported.</source>
        <translation>
            <numerusform>%n Zelle enthält eine Formel; ihr zuletzt berechneter Wert wurde importiert.</numerusform>
            <numerusform>%n Zellen enthalten Formeln; ihre zuletzt berechneten Werte wurden importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/xlsx/xlsxreader.cpp" line="111"/>
        <source>%n cells hold an error value (such as #DIV/0! or #N/A); they were imported as empty.</source>
        <translation>
            <numerusform>%n Zelle enthält einen Fehlerwert (etwa #DIV/0! oder #NV); sie wurde als leer importiert.</numerusform>
            <numerusform>%n Zellen enthalten einen Fehlerwert (etwa #DIV/0! oder #NV); sie wurden als leer importiert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxreader.cpp" line="181"/>
        <source>Row %1 has a cell at an impossible place (“%2”): the workbook is damaged.</source>
        <translation>Zeile %1 hat eine Zelle an einer unmöglichen Stelle („%2“): Die Arbeitsmappe ist beschädigt.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxreader.cpp" line="185"/>
        <source>Row %1 has more than %2 cells: the workbook is damaged.</source>
        <translation>Zeile %1 hat mehr als %2 Zellen: Die Arbeitsmappe ist beschädigt.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxreader.cpp" line="223"/>
        <source>Row %1 has a cell longer than %2 characters, more than Rapport reads.</source>
        <translation>Zeile %1 hat eine Zelle mit mehr als %2 Zeichen, mehr als Rapport liest.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxreader.cpp" line="231"/>
        <source>Row %1 holds more than %2 characters, more than Rapport reads.</source>
        <translation>Zeile %1 enthält mehr als %2 Zeichen, mehr als Rapport liest.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxreader.cpp" line="274"/>
        <source>Row %1 refers to text the workbook does not hold: the workbook is damaged.</source>
        <translation>Zeile %1 verweist auf Text, den die Arbeitsmappe nicht enthält: Die Arbeitsmappe ist beschädigt.</translation>
    </message>
</context>
<context>
    <name>Rapport::XlsxWriter</name>
    <message>
        <location filename="../models/xlsx/xlsxwriter.cpp" line="41"/>
        <location filename="../models/xlsx/xlsxwriter.cpp" line="46"/>
        <location filename="../models/xlsx/xlsxwriter.cpp" line="176"/>
        <location filename="../models/xlsx/xlsxwriter.cpp" line="199"/>
        <location filename="../models/xlsx/xlsxwriter.cpp" line="207"/>
        <location filename="../models/xlsx/xlsxwriter.cpp" line="211"/>
        <source>The workbook cannot be written: %1</source>
        <translation>Die Arbeitsmappe kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>the temporary workbook could not be created</source>
        <translation type="vanished">die temporäre Arbeitsmappe konnte nicht angelegt werden</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxwriter.cpp" line="73"/>
        <location filename="../models/xlsx/xlsxwriter.cpp" line="90"/>
        <source>An Excel sheet holds at most %1 columns; the export has %2.</source>
        <translation>Ein Excel-Tabellenblatt fasst höchstens %1 Spalten; der Export hat %2.</translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxwriter.cpp" line="86"/>
        <source>An Excel sheet holds at most %1 rows, the header included; this export has more. Export fewer records (filter the list) or export as CSV.</source>
        <translation>Ein Excel-Tabellenblatt fasst höchstens %1 Zeilen einschließlich der Kopfzeile; dieser Export hat mehr. Exportieren Sie weniger Datensätze (filtern Sie die Liste) oder exportieren Sie als CSV.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/xlsx/xlsxwriter.cpp" line="221"/>
        <source>%n values were longer than the 32,767 characters an Excel cell holds and were cut (the first in row %1).</source>
        <translation>
            <numerusform>%n Wert war länger als die 32.767 Zeichen, die eine Excel-Zelle fasst, und wurde gekürzt (in Zeile %1).</numerusform>
            <numerusform>%n Werte waren länger als die 32.767 Zeichen, die eine Excel-Zelle fasst, und wurden gekürzt (der erste in Zeile %1).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderBook</name>
    <message>
        <location filename="../models/activities/reminders.cpp" line="105"/>
        <source>Could not read the reminders: %1</source>
        <translation>Die Erinnerungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../models/activities/reminders.cpp" line="218"/>
        <source>This activity has no reminder to snooze any more.</source>
        <translation>Diese Aktivität hat keine Erinnerung mehr, die sich zurückstellen ließe.</translation>
    </message>
</context>
<context>
    <name>RowConverter</name>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="135"/>
        <source>%1: “%2” is not a date.</source>
        <translation>%1: „%2“ ist kein Datum.</translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="166"/>
        <source>%1: there are several %2 named “%3”; give the id instead.</source>
        <translation>%1: Es gibt mehrere Datensätze vom Typ %2 mit dem Namen „%3“; geben Sie stattdessen die ID an.</translation>
    </message>
    <message>
        <source>%1: there is no %2 “%3” (import those first).</source>
        <translation type="vanished">%1: Es gibt keinen Datensatz vom Typ %2 „%3“ (importieren Sie diese zuerst).</translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="168"/>
        <source>%1: there is no %2 with the id %3.</source>
        <translation>%1: Es gibt keinen Datensatz vom Typ %2 mit der ID %3.</translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="171"/>
        <source>%1: there is no %2 “%3” (import those first, or let the import make them).</source>
        <translation>%1: Es gibt keinen Datensatz vom Typ %2 „%3“ (importieren Sie diese zuerst oder lassen Sie sie vom Import anlegen).</translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="173"/>
        <source>%1: there is no %2 “%3”.</source>
        <translation>%1: Es gibt keinen Datensatz vom Typ %2 „%3“.</translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="188"/>
        <source>%1: “%2” is not a whole number.</source>
        <translation>%1: „%2“ ist keine ganze Zahl.</translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="189"/>
        <source>%1: “%2” is not a number.</source>
        <translation>%1: „%2“ ist keine Zahl.</translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="200"/>
        <source>%1: “%2” is not a date and time.</source>
        <translation>%1: „%2“ ist kein Datum mit Uhrzeit.</translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="208"/>
        <source>%1: “%2” is neither yes nor no.</source>
        <translation>%1: „%2“ ist weder Ja noch Nein.</translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="336"/>
        <source>%1 mixes day/month and month/day dates (%2 and %3): choose the order.</source>
        <translation>%1 mischt Daten als Tag/Monat und Monat/Tag (%2 und %3): Wählen Sie die Reihenfolge.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/rowconverter.cpp" line="338"/>
        <location filename="../models/transfer/rowconverter.cpp" line="339"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/rowconverter.cpp" line="373"/>
        <source>%1: %n row(s) keep values that are not in the list, as you chose (such as “%2”).</source>
        <translation>
            <numerusform>%1: %n Zeile behält wie gewählt einen Wert, der nicht in der Liste steht (etwa „%2“).</numerusform>
            <numerusform>%1: %n Zeilen behalten wie gewählt Werte, die nicht in der Liste stehen (etwa „%2“).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 mixes day/month and month/day dates (%2 and %3 rows): choose the order.</source>
        <translation type="vanished">%1 mischt Datumsangaben im Format Tag/Monat und Monat/Tag (%2 und %3 Zeilen): Wählen Sie die Reihenfolge.</translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="361"/>
        <source>%1: dates such as “%2” could be day/month or month/day; they were read as %3.</source>
        <translation>%1: Datumsangaben wie „%2“ können Tag/Monat oder Monat/Tag sein; sie wurden als %3 gelesen.</translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="363"/>
        <source>month/day</source>
        <translation>Monat/Tag</translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="364"/>
        <source>day/month</source>
        <translation>Tag/Monat</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/rowconverter.cpp" line="368"/>
        <source>%1: %n row(s) have values that are not in the list (such as “%2”).</source>
        <translation>
            <numerusform>%1: %n Zeile hat Werte, die nicht in der Liste stehen (etwa „%2“).</numerusform>
            <numerusform>%1: %n Zeilen haben Werte, die nicht in der Liste stehen (etwa „%2“).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RowSecurity</name>
    <message>
        <location filename="../models/storage/rowsecurity.cpp" line="162"/>
        <source>Only an admin (the role that owns Rapport’s tables on the server, or one of its members) can change this setting.</source>
        <translation>Nur ein Administrator (die Rolle, der die Tabellen von Rapport auf dem Server gehören, oder eines ihrer Mitglieder) kann diese Einstellung ändern.</translation>
    </message>
    <message>
        <location filename="../models/storage/rowsecurity.cpp" line="165"/>
        <source>Only a database on a PostgreSQL server has this setting.</source>
        <translation>Diese Einstellung gibt es nur für eine Datenbank auf einem PostgreSQL-Server.</translation>
    </message>
    <message>
        <location filename="../models/storage/rowsecurity.cpp" line="212"/>
        <source>Only %1, its owner, can change this %2.</source>
        <translation>Nur %1 als zuständige Person kann diesen Datensatz (%2) ändern.</translation>
    </message>
    <message>
        <location filename="../models/storage/rowsecurity.cpp" line="214"/>
        <source>Only %1, its owner, can add notes to this %2.</source>
        <translation>Nur %1 als zuständige Person kann diesem Datensatz (%2) Notizen hinzufügen.</translation>
    </message>
    <message>
        <location filename="../models/storage/rowsecurity.cpp" line="215"/>
        <source>Only %1, its owner, can change the %2 “%3”, so nothing was changed.</source>
        <translation>Nur %1 als zuständige Person kann %2 „%3“ ändern; es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../models/storage/rowsecurity.cpp" line="241"/>
        <source>Only %1 or an admin can add a %2 that %1 owns: reps may add only records of their own.</source>
        <translation>Nur %1 oder ein Administrator kann einen Datensatz (%2) anlegen, für den %1 zuständig ist: Vertriebsmitarbeiter können nur eigene Datensätze anlegen.</translation>
    </message>
</context>
<context>
    <name>ServerSearchIndex</name>
    <message>
        <location filename="../models/storage/serversearchindex.cpp" line="102"/>
        <source>The server lacks the PostgreSQL extension “pg_trgm”, which Rapport’s quick search needs. Ask the server’s administrator to install the package postgresql-contrib and to run “CREATE EXTENSION pg_trgm;” in database “%1” (server’s reply: %2)</source>
        <translation>Dem Server fehlt die PostgreSQL-Erweiterung „pg_trgm“, die die Schnellsuche von Rapport benötigt. Bitten Sie den Administrator des Servers, das Paket postgresql-contrib zu installieren und in der Datenbank „%1“ den Befehl „CREATE EXTENSION pg_trgm;“ auszuführen (Antwort des Servers: %2)</translation>
    </message>
</context>
<context>
    <name>Transaction</name>
    <message>
        <location filename="../models/storage/transaction.cpp" line="63"/>
        <source>Rapport cannot write here: this work only reads the database.</source>
        <translation>Rapport kann hier nicht schreiben: Dieser Vorgang liest die Datenbank nur.</translation>
    </message>
    <message>
        <location filename="../models/storage/transaction.cpp" line="142"/>
        <source>The database did not confirm the save, so it was not saved.</source>
        <translation>Die Datenbank hat das Speichern nicht bestätigt; es wurde daher nicht gespeichert.</translation>
    </message>
    <message>
        <location filename="../models/storage/transaction.cpp" line="184"/>
        <source>Another Rapport is writing to this database; please try again in a moment.</source>
        <translation>Ein anderes Rapport schreibt gerade in diese Datenbank; bitte versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../models/storage/transaction.cpp" line="188"/>
        <source>The server refused the change: your role may not make it (%1).</source>
        <translation>Der Server hat die Änderung abgelehnt: Ihre Rolle darf sie nicht vornehmen (%1).</translation>
    </message>
</context>
<context>
    <name>Unconverter</name>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="38"/>
        <source>%1 “%2”</source>
        <translation>%1 „%2“</translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="81"/>
        <source>%1 made by the conversion was deleted since.</source>
        <translation>%1, von der Konvertierung angelegt, wurde inzwischen gelöscht.</translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="90"/>
        <source>%1 was edited since the conversion (%2).</source>
        <translation>%1 wurde seit der Konvertierung bearbeitet (%2).</translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="102"/>
        <source>%1 %2 changed by the conversion was deleted since.</source>
        <translation>%1 %2, von der Konvertierung geändert, wurde inzwischen gelöscht.</translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="111"/>
        <source>%1: %2 was changed since the conversion; putting back “%3” would overwrite “%4”.</source>
        <translation>%1: %2 wurde seit der Konvertierung geändert; das Zurücksetzen auf „%3“ würde „%4“ überschreiben.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/conversion/unconverter.cpp" line="130"/>
        <source>%1 has %n note(s) added since the conversion.</source>
        <translation>
            <numerusform>%1 hat %n Notiz, die seit der Konvertierung hinzugefügt wurde.</numerusform>
            <numerusform>%1 hat %n Notizen, die seit der Konvertierung hinzugefügt wurden.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="154"/>
        <source>%1 was linked to %2 since the conversion.</source>
        <translation>%1 wurde seit der Konvertierung mit %2 verknüpft.</translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="198"/>
        <source>There is no lead with id %1.</source>
        <translation>Es gibt keinen Lead mit der ID %1.</translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="205"/>
        <source>Lead “%1” is not converted.</source>
        <translation>Der Lead „%1“ ist nicht konvertiert.</translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="206"/>
        <source>Rapport has no record of how lead “%1” was converted, so it cannot be undone.</source>
        <translation>Rapport hat keine Aufzeichnung darüber, wie der Lead „%1“ konvertiert wurde; die Konvertierung kann daher nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="431"/>
        <source>The conversion cannot be undone without losing changes made since: %1</source>
        <translation>Die Konvertierung kann nicht rückgängig gemacht werden, ohne seitdem vorgenommene Änderungen zu verlieren: %1</translation>
    </message>
</context>
<context>
    <name>UserDirectory</name>
    <message>
        <location filename="../models/storage/userdirectory.cpp" line="110"/>
        <location filename="../models/storage/userdirectory.cpp" line="159"/>
        <source>A user needs a name.</source>
        <translation>Ein Benutzer braucht einen Namen.</translation>
    </message>
    <message>
        <location filename="../models/storage/userdirectory.cpp" line="116"/>
        <location filename="../models/storage/userdirectory.cpp" line="133"/>
        <location filename="../models/storage/userdirectory.cpp" line="168"/>
        <source>There is a user named “%1” already.</source>
        <translation>Es gibt bereits einen Benutzer namens „%1“.</translation>
    </message>
    <message>
        <location filename="../models/storage/userdirectory.cpp" line="171"/>
        <source>There is no such user.</source>
        <translation>Diesen Benutzer gibt es nicht.</translation>
    </message>
</context>
<context>
    <name>VersionedSave</name>
    <message>
        <location filename="../ui/records/versionedsave.cpp" line="75"/>
        <source>Deleted Meanwhile</source>
        <translation>Inzwischen gelöscht</translation>
    </message>
    <message>
        <location filename="../ui/records/versionedsave.cpp" line="76"/>
        <source>%1 Your changes to “%2” cannot be saved to it.</source>
        <translation>%1 Ihre Änderungen an „%2“ können dort nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../ui/records/versionedsave.cpp" line="79"/>
        <source>Save your version as a new %1, or discard your changes.</source>
        <translation>Speichern Sie Ihre Version als neuen Datensatz (%1), oder verwerfen Sie Ihre Änderungen.</translation>
    </message>
    <message>
        <location filename="../ui/records/versionedsave.cpp" line="81"/>
        <source>Save as &amp;New</source>
        <translation>Als &amp;neu speichern</translation>
    </message>
    <message>
        <location filename="../ui/records/versionedsave.cpp" line="82"/>
        <source>&amp;Discard Changes</source>
        <translation>Änderungen &amp;verwerfen</translation>
    </message>
    <message>
        <location filename="../ui/records/versionedsave.cpp" line="83"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="19"/>
        <source>Rapport, a desktop CRM for small sales teams.</source>
        <translation>Rapport, ein Desktop-CRM für kleine Vertriebsteams.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="24"/>
        <source>Database file or postgresql:// address to open (default: %1).</source>
        <translation>Zu öffnende Datenbankdatei oder postgresql://-Adresse (Standard: %1).</translation>
    </message>
    <message>
        <source>Database file to open (default: %1).</source>
        <translation type="vanished">Zu öffnende Datenbankdatei (Standard: %1).</translation>
    </message>
</context>
</TS>
