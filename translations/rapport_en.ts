<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActivitySteps</name>
    <message>
        <location filename="../ui/day/activitysteps.cpp" line="31"/>
        <source>Could not complete the activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/activitysteps.cpp" line="48"/>
        <source>Reschedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/activitysteps.cpp" line="53"/>
        <source>Could not reschedule the activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/activitysteps.cpp" line="75"/>
        <source>Could not log the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/activitysteps.cpp" line="96"/>
        <source>Could not plan the next step</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgendaReader</name>
    <message>
        <location filename="../models/activities/agenda.cpp" line="120"/>
        <source>Could not read the activities: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/activities/agenda.cpp" line="151"/>
        <source>Could not read the deals: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Converter</name>
    <message>
        <location filename="../models/conversion/converter.cpp" line="113"/>
        <source>There is no lead with id %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/converter.cpp" line="164"/>
        <source>Lead “%1” was already converted on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/converter.cpp" line="165"/>
        <source>Lead “%1” was already converted by %2 on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/converter.cpp" line="181"/>
        <source>The new %1 cannot be saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/converter.cpp" line="197"/>
        <source>There is no %1 with id %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/converter.cpp" line="206"/>
        <source>%1 “%2” cannot be updated: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/converter.cpp" line="327"/>
        <source>The lead was converted meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="49"/>
        <source>Line %1 has bytes that are not valid %2 text: choose another encoding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="62"/>
        <source>Rapport cannot read the encoding “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="98"/>
        <source>Line %1 contains a NUL byte: this is not a text file, or not in the encoding %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="100"/>
        <source>Line %1 contains a control character (0x%2): this is not a text file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="145"/>
        <source>The quoted value starting on line %1 is never closed (a quote character is missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="174"/>
        <source>Line %1 has a value longer than %2 characters: this is probably not a CSV file, or a quote is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/csv/csvreader.cpp" line="178"/>
        <source>The record starting on line %1 is too large: this is probably not a CSV file, or a quote is missing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <location filename="../models/csv/csvwriter.cpp" line="155"/>
        <source>Could not write the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../models/storage/database.cpp" line="82"/>
        <location filename="../models/storage/database.cpp" line="341"/>
        <source>“%1” is a folder, not a Rapport database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="84"/>
        <source>“%1” is not a Rapport database (it is not an SQLite file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="87"/>
        <location filename="../models/storage/database.cpp" line="343"/>
        <source>Cannot create the folder “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="122"/>
        <source>Could not keep a backup copy before upgrading the database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="162"/>
        <location filename="../models/storage/database.cpp" line="164"/>
        <location filename="../models/storage/database.cpp" line="194"/>
        <source>“%1” cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="138"/>
        <source>“%1” holds another program’s data, not a Rapport database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="141"/>
        <source>“%1” was made by a newer Rapport (schema %2; this version reads up to %3). Please update Rapport.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="181"/>
        <location filename="../models/storage/database.cpp" line="185"/>
        <source>Upgrading “%1” failed, nothing was changed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="289"/>
        <source>The %1 database driver is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="299"/>
        <source>Cannot open “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="321"/>
        <source>There is no open database to work on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="337"/>
        <source>A new database is a file; “%1” is a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="345"/>
        <source>“%1” is open in another Rapport window or program (such as rapport-cli), so it cannot be replaced by a new database. Close it there and try again; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="353"/>
        <source>Cannot create a new database in “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="379"/>
        <source>“%1” cannot be replaced: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="381"/>
        <source>its files cannot be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/database.cpp" line="415"/>
        <source>The database cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <location filename="../models/transfer/exporter.cpp" line="168"/>
        <source>Only contacts can be written as vCards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/exporter.cpp" line="192"/>
        <source>%1 have no field “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/exporter.cpp" line="230"/>
        <location filename="../models/transfer/exporter.cpp" line="258"/>
        <source>Could not read the records: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/exporter.cpp" line="240"/>
        <source>The export was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowUp</name>
    <message>
        <location filename="../models/activities/followup.cpp" line="51"/>
        <source>There is no activity with id %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/activities/followup.cpp" line="99"/>
        <source>“%1” is done already.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ICalendarImport</name>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="298"/>
        <source>“%1” is not an iCalendar line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="313"/>
        <source>END:%1 closes nothing that was opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="319"/>
        <source>This is not an iCalendar file (it does not begin with BEGIN:VCALENDAR).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="323"/>
        <source>The file ends before END:%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="328"/>
        <source>The file could not be read as iCalendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="349"/>
        <source>The event could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="186"/>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/activities/icalendar.cpp" line="190"/>
        <source>The event “%1” has no start (DTSTART).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportJournal</name>
    <message>
        <location filename="../models/transfer/importjournal.cpp" line="200"/>
        <source>%1 %2 was changed, or linked to other records, after the import; undoing it would lose that work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importjournal.cpp" line="211"/>
        <source>There is no import %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importjournal.cpp" line="215"/>
        <location filename="../models/transfer/importjournal.cpp" line="240"/>
        <source>Import %1 was already undone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportSource</name>
    <message>
        <location filename="../models/transfer/importsource.cpp" line="77"/>
        <source>There is no file “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importsource.cpp" line="79"/>
        <source>“%1” is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importsource.cpp" line="105"/>
        <location filename="../models/transfer/importsource.cpp" line="143"/>
        <source>Cannot open “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importsource.cpp" line="120"/>
        <source>“%1” has no sheets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importsource.cpp" line="130"/>
        <source>The sheet “%1” of “%2” is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importsource.cpp" line="152"/>
        <source>“%1” has nothing in it but blank lines.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <location filename="../models/transfer/importer.cpp" line="109"/>
        <source>No column of the file is for “%1”, which every %2 needs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="141"/>
        <location filename="../models/transfer/importer.cpp" line="290"/>
        <source>The import was cancelled; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="102"/>
        <source>The mapping has %1 but the file has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/importer.cpp" line="103"/>
        <location filename="../models/transfer/importer.cpp" line="104"/>
        <source>%n column(s)</source>
        <translation><numerusform>%n column</numerusform><numerusform>%n columns</numerusform></translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="156"/>
        <source>The row has %1 but the header has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/importer.cpp" line="157"/>
        <location filename="../models/transfer/importer.cpp" line="158"/>
        <location filename="../models/transfer/importer.cpp" line="194"/>
        <source>%n value(s)</source>
        <translation><numerusform>%n value</numerusform><numerusform>%n values</numerusform></translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="188"/>
        <location filename="../models/transfer/importer.cpp" line="395"/>
        <source>“%1” has a header but no rows to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="192"/>
        <source>No row has as many values as the header (%1): the file is damaged or its delimiter is not “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/importer.cpp" line="209"/>
        <source>%n row(s) repeat an earlier row of the file (same email or record id).</source>
        <translation><numerusform>%n row repeat an earlier row of the file (same email or record id).</numerusform><numerusform>%n rows repeat an earlier row of the file (same email or record id).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/importer.cpp" line="311"/>
        <source>%n record(s) already held the file&apos;s values and were left as they were.</source>
        <translation><numerusform>%n record already held the file&apos;s values and were left as they were.</numerusform><numerusform>%n records already held the file&apos;s values and were left as they were.</numerusform></translation>
    </message>
    <message>
        <location filename="../models/transfer/importwriter.cpp" line="193"/>
        <location filename="../models/transfer/rowfeed.cpp" line="73"/>
        <source>The file changed while it was being imported; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/importer.cpp" line="332"/>
        <source>%1: %n value(s) added to the list (such as “%2”).</source>
        <translation><numerusform>%1: %n value added to the list (such as “%2”).</numerusform><numerusform>%1: %n values added to the list (such as “%2”).</numerusform></translation>
    </message>
    <message>
        <location filename="../models/transfer/importwriter.cpp" line="157"/>
        <location filename="../models/transfer/importwriter.cpp" line="165"/>
        <source>Line %1: %2; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importwriter.cpp" line="181"/>
        <location filename="../models/transfer/importwriter.cpp" line="255"/>
        <source>Line %1: %2 Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importwriter.cpp" line="258"/>
        <source>Line %1: %2 %3 was deleted during the import; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importwriter.cpp" line="294"/>
        <location filename="../models/transfer/importwriter.cpp" line="302"/>
        <location filename="../models/transfer/bulkinsert.cpp" line="129"/>
        <source>Line %1: the database refused the row (%2); nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="362"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/importer.cpp" line="362"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/bulkinsert.cpp" line="131"/>
        <source>Lines %1 to %2: the database refused a row (%3); nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/bulkinsert.cpp" line="159"/>
        <location filename="../models/transfer/bulkinsert.cpp" line="177"/>
        <source>The database did not say which records it made; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/copyload.cpp" line="150"/>
        <source>the connection to the server was not ready for COPY</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadUnconversion</name>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="24"/>
        <source>Cannot unconvert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="32"/>
        <source>Could not unconvert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="33"/>
        <source>Nothing was changed.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="47"/>
        <source>Unconvert “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="49"/>
        <source>The records this conversion made or changed were worked on since. Unconverting all of it would lose that work:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="52"/>
        <source>&amp;Keep Later Work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="53"/>
        <source>&amp;Undo Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="54"/>
        <location filename="../ui/conversion/leadunconversion.cpp" line="68"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="63"/>
        <source>Make “%1” an active lead again?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="67"/>
        <source>&amp;Unconvert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="82"/>
        <source>account “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="84"/>
        <source>contact “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="86"/>
        <source>deal “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/leadunconversion.cpp" line="89"/>
        <source>Deleted: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/leadunconversion.cpp" line="94"/>
        <source>%n field(s) on existing records get their earlier value back.</source>
        <translation><numerusform>%n field on existing records get their earlier value back.</numerusform><numerusform>%n fields on existing records get their earlier value back.</numerusform></translation>
    </message>
</context>
<context>
    <name>Matcher</name>
    <message>
        <location filename="../models/matching/matcher.cpp" line="82"/>
        <source>same name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/matching/matcher.cpp" line="83"/>
        <source>similar name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/matching/matcher.cpp" line="84"/>
        <source>same website domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/matching/matcher.cpp" line="85"/>
        <source>same email domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/matching/matcher.cpp" line="86"/>
        <source>same email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/matching/matcher.cpp" line="87"/>
        <source>same phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/matching/matcher.cpp" line="88"/>
        <source>same name and account</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnerAssignment</name>
    <message>
        <location filename="../models/storage/ownerassignment.cpp" line="26"/>
        <source>%1 have no owner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/ownerassignment.cpp" line="38"/>
        <source>Choose the user to assign them to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/ownerassignment.cpp" line="46"/>
        <source>There is no %1 with id %2; nobody was assigned anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/ownerassignment.cpp" line="83"/>
        <source>%1 %2 was deleted since, so nothing was done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/ownerassignment.cpp" line="86"/>
        <source>The owner of %1 “%2” was changed since, so nothing was done; open it to see who has it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Picklists</name>
    <message>
        <location filename="../models/storage/picklists.cpp" line="151"/>
        <source>“%1” is one of Rapport&apos;s own values of %2 and stays on the list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Pipeline</name>
    <message>
        <location filename="../models/pipeline/pipeline.cpp" line="63"/>
        <source>The probability of %1 must be between 0 and 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/pipeline/pipeline.cpp" line="65"/>
        <source>The days a deal may sit in %1 cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/pipeline/pipeline.cpp" line="127"/>
        <source>There is no deal with id %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="125"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="126"/>
        <source>The new due date and time; Alt+Down opens a calendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="128"/>
        <source>&amp;Due:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::AssignOwnerCommand</name>
    <message>
        <location filename="../ui/records/assignownercommand.cpp" line="17"/>
        <source>Assign to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::AssignOwnerDialog</name>
    <message>
        <location filename="../ui/records/assignownerdialog.cpp" line="19"/>
        <source>Assign To</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/assignownerdialog.cpp" line="23"/>
        <source>New owner of the selected %1 (%n):</source>
        <translation><numerusform>New owner of the selected %1 (%n):</numerusform><numerusform>New owner of the selected %1 (%n):</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/records/assignownerdialog.cpp" line="29"/>
        <source>New owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/assignownerdialog.cpp" line="34"/>
        <source>&amp;Assign</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Attendees</name>
    <message>
        <location filename="../models/activities/attendees.cpp" line="59"/>
        <source>Activity #%1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/activities/attendees.cpp" line="61"/>
        <source>Contact #%1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::AttendeesPanel</name>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="20"/>
        <source>A&amp;ttendees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="23"/>
        <source>Attendees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="24"/>
        <source>The contacts who attend; Enter opens the selected one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="29"/>
        <source>Contact to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="30"/>
        <source>Type part of a contact&apos;s name, then Add.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="31"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="34"/>
        <source>Adds the contact picked beside it to the attendees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="35"/>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="38"/>
        <source>Takes the selected contact off the attendees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="65"/>
        <source>%1 &lt;%2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/attendeespanel.cpp" line="81"/>
        <source>There is no one contact named “%1”; pick one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::BoardTab</name>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="41"/>
        <source>Other stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="60"/>
        <location filename="../ui/pipeline/boardtab.cpp" line="62"/>
        <source>Search deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="65"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="66"/>
        <source>Everyone&apos;s deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="67"/>
        <source>My deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="70"/>
        <source>Closing date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="71"/>
        <source>Any closing date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="72"/>
        <source>Closing this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="73"/>
        <source>Closing this quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="74"/>
        <source>Closing in the next 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="75"/>
        <source>Past their closing date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="76"/>
        <source>&amp;Stages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="78"/>
        <source>Each stage&apos;s probability, and how long a deal may sit in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="170"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="250"/>
        <source>The board could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pipeline/boardtab.cpp" line="275"/>
        <source>Open: %n deal(s), %1, weighted %2</source>
        <translation><numerusform>Open: %n deal, %1, weighted %2</numerusform><numerusform>Open: %n deals, %1, weighted %2</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="289"/>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="292"/>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="293"/>
        <source>Total %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="294"/>
        <source>Weighted %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pipeline/boardtab.cpp" line="297"/>
        <source>%1: %n deal(s)</source>
        <translation><numerusform>%1: %n deal</numerusform><numerusform>%1: %n deals</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="380"/>
        <source>Closed Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="381"/>
        <source>What won “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="382"/>
        <location filename="../ui/pipeline/boardtab.cpp" line="387"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="382"/>
        <source>Product fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="382"/>
        <source>Relationship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="382"/>
        <location filename="../ui/pipeline/boardtab.cpp" line="388"/>
        <source>Timing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="383"/>
        <source>Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="385"/>
        <source>Closed Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="386"/>
        <source>Why was “%1” lost?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="387"/>
        <source>Went with a competitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="387"/>
        <source>No budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="388"/>
        <source>No decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="388"/>
        <source>Lost touch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/boardtab.cpp" line="460"/>
        <source>Move deal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::CardExporter</name>
    <message>
        <location filename="../models/transfer/cardexporter.cpp" line="53"/>
        <location filename="../models/transfer/cardexporter.cpp" line="75"/>
        <source>Could not read the contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/cardexporter.cpp" line="58"/>
        <source>The export was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::CardModel</name>
    <message>
        <location filename="../ui/pipeline/cardmodel.cpp" line="30"/>
        <source>Overdue since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/cardmodel.cpp" line="32"/>
        <source>Next step today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/cardmodel.cpp" line="34"/>
        <source>Next step planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/cardmodel.cpp" line="34"/>
        <source>Next step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/cardmodel.cpp" line="38"/>
        <source>No next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/cardmodel.cpp" line="167"/>
        <source>closes %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pipeline/cardmodel.cpp" line="173"/>
        <source>going stale: %n day(s) in this stage</source>
        <translation><numerusform>going stale: %n day in this stage</numerusform><numerusform>going stale: %n days in this stage</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pipeline/cardmodel.cpp" line="231"/>
        <source>%n day(s) here</source>
        <translation><numerusform>%n day here</numerusform><numerusform>%n days here</numerusform></translation>
    </message>
</context>
<context>
    <name>Rapport::Cli</name>
    <message>
        <location filename="../app/cli/cli.cpp" line="54"/>
        <source>print how many records the module shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="60"/>
        <source>convert a lead into an account, a contact and a deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="77"/>
        <source>undo a lead&apos;s conversion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="44"/>
        <source>the same quick search as the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="46"/>
        <source>include converted leads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="48"/>
        <source>a field (its label or column name) and its value; repeat it for more fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="62"/>
        <source>“new”, or the id of an existing account (default: the one unambiguous match, else new).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="65"/>
        <source>“new”, or the id of a contact to merge into (default: the one unambiguous match, else new).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="67"/>
        <source>make no account (B2C).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="68"/>
        <source>make no deal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="69"/>
        <source>the deal&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="70"/>
        <source>the deal&apos;s amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="71"/>
        <source>the deal&apos;s stage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="73"/>
        <source>the deal&apos;s closing date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="79"/>
        <source>keep records edited, noted or linked since.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="81"/>
        <source>undo everything, losing what was done since.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="86"/>
        <source>fill the database with generated sample records, or write generated leads to a CSV file (- = standard output) without touching the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="89"/>
        <source>number of leads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="90"/>
        <source>number of contacts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="91"/>
        <source>number of accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="92"/>
        <source>number of deals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="94"/>
        <source>number of tasks, calls, meetings and emails on them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="97"/>
        <source>the same seed makes the same records (default: 42).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="99"/>
        <source>write the leads to FILE as CSV instead (default: 200 leads).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="102"/>
        <source>with --csv: zoho (First Name, …, the default) or plain (first_name, …) column names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="125"/>
        <source>skip, update or create records that already exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="127"/>
        <source>the file&apos;s encoding (auto, utf-8, utf-16, windows-1252, ...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="129"/>
        <source>auto, “,”, “;”, tab or “|”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="131"/>
        <source>how to read 01/03/2026: auto, dmy or mdy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="132"/>
        <source>check and report, write nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="134"/>
        <source>keep unmatched columns as “Header: value” lines in Description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="137"/>
        <source>write the rejected rows, with line and reason, to FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="154"/>
        <source>write cells exactly as stored (no &apos; before = + - @).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="155"/>
        <source>“,” or “;”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="157"/>
        <source>start the file with a byte order mark (for Excel).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="163"/>
        <source>schedule an activity on a record, or complete one with its next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="165"/>
        <source>the record it is on, e.g. deals:5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="166"/>
        <source>what is to be done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="167"/>
        <source>task (default), call, meeting or email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="168"/>
        <source>when it is due: 2026-12-31T14:30 (local time), …Z (UTC) or a date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="170"/>
        <source>when a meeting ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="171"/>
        <source>whose it is (default: you).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="172"/>
        <source>repeat it by an iCalendar rule, e.g. FREQ=WEEKLY;BYDAY=MO or FREQ=MONTHLY;BYDAY=3TU;COUNT=6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="175"/>
        <source>a call&apos;s outcome: connected, no answer, left voicemail, busy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="177"/>
        <source>the next step, on the same records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="178"/>
        <source>when the next step is due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="179"/>
        <source>there is no next step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="183"/>
        <source>what My Day shows: overdue, today, the next days, open deals with no next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="185"/>
        <location filename="../app/cli/cli.cpp" line="254"/>
        <source>me (default, with what nobody owns), all, or a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="187"/>
        <source>how many days ahead (default: 7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="191"/>
        <source>create a record, checked as the form checks it; the likely duplicates are listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="197"/>
        <source>give records another owner, all in one step; a new name becomes a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="199"/>
        <source>the user who owns them from now on (me: you).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="204"/>
        <source>on a team server: whether reps may change only their own records (and unowned ones); an admin switches it on or off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="211"/>
        <source>one record, every field, and its version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="216"/>
        <source>change fields of a record; with --if-version, only if nobody changed it since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="219"/>
        <source>refuse (exit 4) if the record is no longer at version N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="225"/>
        <source>the rows the tab shows, in its order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="227"/>
        <source>the column to sort by (default: the name, as the tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="229"/>
        <source>sort in descending order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="230"/>
        <source>skip the first N rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="231"/>
        <source>at most N rows (default 100).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="232"/>
        <source>the columns to show (default: the tab&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="234"/>
        <location filename="../app/cli/cli.cpp" line="248"/>
        <source>me, all (default) or a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="235"/>
        <source>do not count the rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="239"/>
        <source>the record&apos;s timeline, newest first: changes, notes, activities, conversion, imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="241"/>
        <source>at most N entries (default 100).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="245"/>
        <source>the pipeline board&apos;s columns: each stage&apos;s count, total and weighted total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="252"/>
        <source>the activities as an iCalendar file for a calendar program (- for standard output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="259"/>
        <source>meetings from an iCalendar file, each on the contact whose email is an attendee; all or nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="265"/>
        <source>list past imports: id, time, file, module, counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="270"/>
        <source>undo that import: remove what it created, restore what it updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="330"/>
        <source>Rapport&apos;s command line: the desktop CRM without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="334"/>
        <source>Database file, or postgresql://USER[:PASS]@HOST[:PORT]/DBNAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="335"/>
        <source>Print the result as one JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="338"/>
        <source>One of the commands below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cli.cpp" line="539"/>
        <source>%n lead(s)</source>
        <translation><numerusform>%n lead</numerusform><numerusform>%n leads</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cli.cpp" line="540"/>
        <source>%n contact(s)</source>
        <translation><numerusform>%n contact</numerusform><numerusform>%n contacts</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cli.cpp" line="541"/>
        <source>%n account(s)</source>
        <translation><numerusform>%n account</numerusform><numerusform>%n accounts</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cli.cpp" line="542"/>
        <source>%n deal(s)</source>
        <translation><numerusform>%n deal</numerusform><numerusform>%n deals</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cli.cpp" line="543"/>
        <source>%n activity(-ies)</source>
        <translation><numerusform>%n activity</numerusform><numerusform>%n activities</numerusform></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="396"/>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="111"/>
        <source>import a CSV file, an Excel workbook or vCards into leads, contacts, accounts or deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="114"/>
        <source>csv, xlsx or vcf (default: by the file&apos;s content and name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="116"/>
        <source>the workbook&apos;s sheet to read, 1 the first (default) or its name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="119"/>
        <source>make the accounts (and deals&apos; contacts) the rows name that do not exist yet (the default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="122"/>
        <source>reject the rows naming an account or contact that does not exist yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="143"/>
        <source>write a module&apos;s records as CSV, an Excel workbook (.xlsx) or vCards (.vcf, contacts) (- = standard output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="148"/>
        <source>csv, xlsx or vcf (default: by the file&apos;s name; csv for standard output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="151"/>
        <source>excel (formula guard and byte order mark) or plain (neither) for another program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="406"/>
        <source>“rapport-cli COMMAND --help” shows that command&apos;s options only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="417"/>
        <source>Usage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="433"/>
        <source>show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="437"/>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="440"/>
        <source>Every command also takes --db PATH and --json; rapport-cli --help lists all commands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="490"/>
        <source>unknown command “%1” (see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="33"/>
        <location filename="../app/cli/clirecords.cpp" line="294"/>
        <source>--%1 takes a whole number ≥ 0, not “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="49"/>
        <source>--seed takes a whole number from 0 to 4294967295, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="61"/>
        <source>demo --csv writes leads only: --%1 cannot be used with it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="71"/>
        <source>--header takes zoho or plain, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="99"/>
        <source>Wrote %1 to %2 in %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="117"/>
        <source>--header goes with --csv FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="130"/>
        <source>could not add the sample records: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="136"/>
        <source>Added %1, %2, %3, %4 and %5 in %6 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="151"/>
        <source>usage: rapport-cli count MODULE (leads, contacts, accounts or deals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="154"/>
        <location filename="../app/cli/cliimport.cpp" line="54"/>
        <location filename="../app/cli/cliexport.cpp" line="30"/>
        <source>unknown module “%1”: use leads, contacts, accounts or deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="162"/>
        <source>could not count the records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="34"/>
        <source>usage: rapport-cli %1 LEAD_ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="56"/>
        <source>--%1 takes “new” or a record id, not “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="61"/>
        <location filename="../app/cli/cliactivity.cpp" line="75"/>
        <location filename="../app/cli/clirecords.cpp" line="201"/>
        <location filename="../app/cli/clirecords.cpp" line="242"/>
        <location filename="../app/cli/clirecords.cpp" line="377"/>
        <source>there is no %1 with id %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="76"/>
        <source>--no-deal and --%1 cannot be used together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="91"/>
        <source>--amount takes a number, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="98"/>
        <source>--closing-date takes a date as YYYY-MM-DD, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="111"/>
        <source>--no-account and --account cannot be used together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="159"/>
        <source>lead %1 was already converted at %2 (undo with: rapport-cli unconvert %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="161"/>
        <source>lead %1 was already converted by %2 at %3 (undo with: rapport-cli unconvert %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="175"/>
        <location filename="../app/cli/cliactivity.cpp" line="230"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="175"/>
        <source>%1 (new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="175"/>
        <source>%1 (existing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="177"/>
        <source>Converted lead %1: account %2, contact %3, deal %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="192"/>
        <source>there is no lead with id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="156"/>
        <source>lead %1 is already converted (undo with: rapport-cli unconvert %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="210"/>
        <source>rapport-cli: note: kept on the converted lead only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="264"/>
        <source>--keep-edited and --discard cannot be used together</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliconvert.cpp" line="275"/>
        <source>lead %1 was not unconverted: %n change(s) made since would be lost (see above); use --keep-edited or --discard</source>
        <translation><numerusform>lead %1 was not unconverted: %n change made since would be lost (see above); use --keep-edited or --discard</numerusform><numerusform>lead %1 was not unconverted: %n changes made since would be lost (see above); use --keep-edited or --discard</numerusform></translation>
    </message>
    <message>
        <location filename="../app/cli/cliconvert.cpp" line="286"/>
        <source>Unconverted lead %1: %2, %3 kept, %4 restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliconvert.cpp" line="288"/>
        <source>%n record(s) deleted</source>
        <translation><numerusform>%n record deleted</numerusform><numerusform>%n records deleted</numerusform></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="50"/>
        <source>usage: rapport-cli import MODULE FILE (MODULE: leads, contacts, accounts or deals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="66"/>
        <source>--on-duplicate takes skip, update or create, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="71"/>
        <source>unknown encoding “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="77"/>
        <source>--delimiter takes auto, “,”, “;”, tab or “|”, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="83"/>
        <location filename="../app/cli/cliexport.cpp" line="53"/>
        <source>--format takes csv, xlsx or vcf, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="87"/>
        <source>--create-missing and --no-create-missing exclude each other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="97"/>
        <source>--date-order takes auto, dmy or mdy, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="126"/>
        <location filename="../app/cli/cliimport.cpp" line="194"/>
        <source>%1 created, %2 updated, %3 skipped, %4 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="129"/>
        <source>Dry run, nothing written: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="131"/>
        <source>Import %1: %2. Undo with: rapport-cli undo-import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="134"/>
        <source>Nothing written: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="136"/>
        <source>%1 to be made for the rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="136"/>
        <source>%1 made for the rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="141"/>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="143"/>
        <source>note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="164"/>
        <source>could not write the rejected rows to “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliimport.cpp" line="169"/>
        <source>nothing to import: %n row(s) rejected, none accepted (first: line %1: %2)</source>
        <translation><numerusform>nothing to import: %n row rejected, none accepted (first: line %1: %2)</numerusform><numerusform>nothing to import: %n rows rejected, none accepted (first: line %1: %2)</numerusform></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="224"/>
        <source>Undid import %1: removed %2, restored %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliimport.cpp" line="226"/>
        <source>%n record(s)</source>
        <translation><numerusform>%n record</numerusform><numerusform>%n records</numerusform></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="179"/>
        <source>usage: rapport-cli imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="40"/>
        <source>“%1” has no sheets to choose from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="41"/>
        <source>“%1” has no sheet “%2”; it has: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="196"/>
        <source> (undone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="206"/>
        <source>usage: rapport-cli undo-import IMPORT_ID (see rapport-cli imports)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliimport.cpp" line="218"/>
        <source>could not undo import %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliexport.cpp" line="27"/>
        <source>usage: rapport-cli export MODULE FILE (“-” for standard output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliexport.cpp" line="40"/>
        <source>--for takes excel or plain, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliexport.cpp" line="47"/>
        <source>export writes “,” or “;” as delimiter, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliexport.cpp" line="57"/>
        <source>only contacts are written as vCards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliexport.cpp" line="82"/>
        <source>Exported %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clibasic.cpp" line="89"/>
        <location filename="../app/cli/clibasic.cpp" line="91"/>
        <location filename="../app/cli/clibasic.cpp" line="93"/>
        <location filename="../app/cli/cliexport.cpp" line="70"/>
        <location filename="../app/cli/cliexport.cpp" line="73"/>
        <location filename="../app/cli/cliactivity.cpp" line="255"/>
        <source>cannot write “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="37"/>
        <source>--%1 takes a date and time such as 2026-12-31T14:30, not “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="62"/>
        <source>usage: activity add --on MODULE:ID --subject TEXT [--type task|call|meeting|email] [--due WHEN] [--end WHEN] [--owner NAME]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="70"/>
        <source>--on takes a record such as deals:5 or contacts:12</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="80"/>
        <source>--type is task, call, meeting or email, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="97"/>
        <source>--repeat needs --due: the first time it is due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="106"/>
        <source>Activity %1 is on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="115"/>
        <source>usage: activity done ID [--outcome TEXT] [--next SUBJECT --next-due WHEN | --no-next]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="118"/>
        <source>--next and --no-next exclude each other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="121"/>
        <source>there is no activity with id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="125"/>
        <source>activity %1 is on an open deal or lead: give its next step (--next SUBJECT --next-due WHEN) or --no-next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="150"/>
        <source>Activity %1 is done; it comes again as activity %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="153"/>
        <source>Activity %1 is done; its next step is activity %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="156"/>
        <source>Activity %1 is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="179"/>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="198"/>
        <source>activity takes add or done, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="204"/>
        <source>usage: today [--owner me|all|NAME] [--days N]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="211"/>
        <source>--days takes a whole number from 0 to 366, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="225"/>
        <source>Overdue:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="226"/>
        <source>Today:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="227"/>
        <source>Next days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="228"/>
        <source>Open deals with no next step:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="239"/>
        <source>usage: export-ics FILE [--owner me|all|NAME]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="249"/>
        <source>could not write to standard output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="260"/>
        <source>Wrote %1 and %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliactivity.cpp" line="261"/>
        <source>%n event(s)</source>
        <translation><numerusform>%n event</numerusform><numerusform>%n events</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliactivity.cpp" line="262"/>
        <source>%n to-do(s)</source>
        <translation><numerusform>%n to-do</numerusform><numerusform>%n to-dos</numerusform></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="271"/>
        <source>usage: import-ics FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="274"/>
        <source>cannot read “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="286"/>
        <source>line %1: %2 Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliactivity.cpp" line="289"/>
        <source>Imported %1, %2 of them on a contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliactivity.cpp" line="290"/>
        <source>%n meeting(s)</source>
        <translation><numerusform>%n meeting</numerusform><numerusform>%n meetings</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/cliactivity.cpp" line="294"/>
        <source>%n meeting(s) imported before brought up to date.</source>
        <translation><numerusform>%n meeting imported before brought up to date.</numerusform><numerusform>%n meetings imported before brought up to date.</numerusform></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="54"/>
        <location filename="../app/cli/cliowners.cpp" line="33"/>
        <source>unknown module “%1”: leads, contacts, accounts, deals or activities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="93"/>
        <source>--set takes FIELD=VALUE, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="95"/>
        <location filename="../app/cli/clirecords.cpp" line="282"/>
        <location filename="../app/cli/clirecords.cpp" line="303"/>
        <source>a %1 has no field “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="153"/>
        <source>usage: add MODULE --set FIELD=VALUE …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="174"/>
        <source>Added %1 %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="183"/>
        <source>similar: %1 %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="196"/>
        <source>usage: get MODULE ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="210"/>
        <source>%1 %2, version %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="225"/>
        <source>usage: update MODULE ID --set FIELD=VALUE … [--if-version N]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="237"/>
        <source>--if-version takes a version number, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="254"/>
        <source>%1 %2 is at version %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="261"/>
        <source>usage: list MODULE [--search TEXT] [--sort FIELD] [--desc] [--offset N] [--limit N] [--fields A,B,…] [--owner me|all|NAME]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="274"/>
        <location filename="../app/cli/cliowners.cpp" line="36"/>
        <source>%1 have no owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="365"/>
        <source>usage: timeline MODULE ID [--limit N]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="373"/>
        <source>--limit takes a whole number &gt; 0, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="413"/>
        <source>usage: board [--search TEXT] [--owner me|all|NAME]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clirecords.cpp" line="433"/>
        <source>(other stages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="28"/>
        <source>usage: assign MODULE --to NAME ID …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="42"/>
        <source>“%1” is not a record id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="56"/>
        <source>Assigned %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="64"/>
        <source>usage: own-records-only [on|off]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="69"/>
        <source>only a database on a PostgreSQL server has this setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="82"/>
        <source>Reps may change only their own records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cliowners.cpp" line="83"/>
        <source>Reps may change every record.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ConnectDialog</name>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="34"/>
        <source>Connect to Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="37"/>
        <source>Work on your team&apos;s database on a PostgreSQL server. Rapport sets the database up the first time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="43"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="44"/>
        <source>crm.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="45"/>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="50"/>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="51"/>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="52"/>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="53"/>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="54"/>
        <source>Login name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="55"/>
        <source>&amp;Login:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="56"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="58"/>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="59"/>
        <source>&amp;Keep the password in the desktop keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="66"/>
        <source>Secure connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="67"/>
        <source>Required (TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="68"/>
        <source>Required, and the server&apos;s certificate checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="70"/>
        <source>Off (only on a network you trust)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="73"/>
        <source>Se&amp;cure connection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="75"/>
        <source>Certificate authority file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="76"/>
        <source>the CA certificate, e.g. root.crt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="78"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="80"/>
        <source>Choose the certificate authority file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="82"/>
        <source>Certificate &amp;authority:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="97"/>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="179"/>
        <source>Certificate Authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectdialog.cpp" line="180"/>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ConnectionNotice</name>
    <message>
        <location filename="../ui/window/connectionnotice.cpp" line="18"/>
        <source>Connection to %1 lost — reconnecting… Open forms keep your edits; nothing is saved until the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectionnotice.cpp" line="22"/>
        <source>The database file %1 is gone (deleted or moved away): nothing can be saved until it is back. Open forms keep your edits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/connectionnotice.cpp" line="29"/>
        <source>Reconnected to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ConnectionWatch</name>
    <message>
        <location filename="../models/storage/connectionwatch.cpp" line="138"/>
        <source>The connection to %1 is lost, so nothing was written. Rapport is reconnecting; please try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/connectionwatch.cpp" line="140"/>
        <source>the database</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionAccountPage</name>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="33"/>
        <source>&amp;Create a new account named:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="35"/>
        <source>&amp;Link to an existing account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="39"/>
        <source>N&amp;o account (a consumer, B2C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="42"/>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="53"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="43"/>
        <source>Which company does this person belong to?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="53"/>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="53"/>
        <source>Why it matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="66"/>
        <source>Or &amp;another account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="136"/>
        <source>This lead has no company, so it converts to a contact without an account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="141"/>
        <source>“%1” matches this lead exactly and is selected. Check it before you continue, or choose another option.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="146"/>
        <source>No existing account matches this lead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionaccountpage.cpp" line="147"/>
        <source>%n existing account(s) might be this company; link to one instead of creating a duplicate.</source>
        <translation><numerusform>%n existing account might be this company; link to one instead of creating a duplicate.</numerusform><numerusform>%n existing accounts might be this company; link to one instead of creating a duplicate.</numerusform></translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionActions</name>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="27"/>
        <source>&amp;Convert Lead…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="30"/>
        <source>&amp;Unconvert Lead…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="34"/>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="35"/>
        <source>Convert the selected leads into accounts, contacts and deals (Ctrl+Shift+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="98"/>
        <source>Cannot convert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="120"/>
        <source>the new account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="120"/>
        <source>the account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="123"/>
        <source>the new contact %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="123"/>
        <source>the contact %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="126"/>
        <source>the new deal %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/conversionactions.cpp" line="127"/>
        <source>“%1” was converted into %2. Edit › Undo takes it back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionContactPage</name>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="19"/>
        <source>&amp;Create a new contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="20"/>
        <source>&amp;Merge into an existing contact:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="25"/>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="33"/>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="26"/>
        <source>Is this person already one of your contacts?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="33"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="33"/>
        <source>Why it matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="99"/>
        <source>“%1” has the same email address and is selected: the lead is merged into it. Check the fields below, or create a new contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="105"/>
        <source>No existing contact matches this lead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversioncontactpage.cpp" line="106"/>
        <source>%n existing contact(s) might be this person.</source>
        <translation><numerusform>%n existing contact might be this person.</numerusform><numerusform>%n existing contacts might be this person.</numerusform></translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionDealPage</name>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="14"/>
        <source>Create a &amp;deal for this lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="20"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="21"/>
        <source>Is there revenue to pursue with this lead right now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="28"/>
        <source>No amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="43"/>
        <source>Deal &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="44"/>
        <source>&amp;Amount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="45"/>
        <source>&amp;Stage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversiondealpage.cpp" line="46"/>
        <source>C&amp;losing date:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionLinks</name>
    <message>
        <location filename="../ui/records/conversionlinks.cpp" line="27"/>
        <source>Converted on %1 into:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/conversionlinks.cpp" line="53"/>
        <source>%1 (deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/conversionlinks.cpp" line="54"/>
        <source>%1 “%2”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionMappingPage</name>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="34"/>
        <source>&amp;Save as Team Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="37"/>
        <source>Field Mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="38"/>
        <source>Where each of the lead&apos;s fields goes. Fields that go nowhere are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="46"/>
        <source>Lead field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="46"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="46"/>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="47"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="47"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="47"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="145"/>
        <source>Dropped: mapped nowhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="146"/>
        <source>Dropped: no account or deal is made for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="154"/>
        <source>Every field with a value is carried over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="155"/>
        <source>%n field(s) with a value would be dropped: %1</source>
        <translation><numerusform>%n field with a value would be dropped: %1</numerusform><numerusform>%n fields with a value would be dropped: %1</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="163"/>
        <source>Could not save the mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionmappingpage.cpp" line="166"/>
        <source>Saved: conversions by everyone on this database start from this mapping.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionQueueDialog</name>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="31"/>
        <source>Convert %n Lead(s)</source>
        <translation><numerusform>Convert %n Lead</numerusform><numerusform>Convert %n Leads</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="33"/>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="33"/>
        <source>Suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="33"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="42"/>
        <source>&amp;Accept Suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="45"/>
        <source>Open &amp;Wizard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="47"/>
        <source>S&amp;kip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="49"/>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="121"/>
        <source>The lead no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="123"/>
        <source>Converted already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="159"/>
        <source>no account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="162"/>
        <source>new account “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="165"/>
        <source>existing account “%1” (exact match)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="171"/>
        <source>merge into contact “%1” (same email)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="170"/>
        <source>new contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="100"/>
        <source>Finding matches…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="166"/>
        <source>existing account “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="173"/>
        <source>merge into contact “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="176"/>
        <source>deal “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="188"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="189"/>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="190"/>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="190"/>
        <source>Skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="191"/>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="241"/>
        <source>Cannot convert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="294"/>
        <source>Finding matches for this lead…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="295"/>
        <source>%n lead(s) still to convert.</source>
        <translation><numerusform>%n lead still to convert.</numerusform><numerusform>%n leads still to convert.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="306"/>
        <source>Converted %n lead(s).</source>
        <translation><numerusform>Converted %n lead.</numerusform><numerusform>Converted %n leads.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="307"/>
        <source>Skipped %n.</source>
        <translation><numerusform>Skipped %n.</numerusform><numerusform>Skipped %n.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="309"/>
        <source>%n failed.</source>
        <translation><numerusform>%n failed.</numerusform><numerusform>%n failed.</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="324"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="327"/>
        <source>Conversion Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionqueuedialog.cpp" line="330"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionSummaryPage</name>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="23"/>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="27"/>
        <source>the new %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="47"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="48"/>
        <source>Nothing is written until you press Convert. Convert can be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="76"/>
        <source>This conversion cannot be made: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="91"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="96"/>
        <source>New %1 “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="101"/>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="158"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="107"/>
        <source>The lead is marked converted; its notes show on the contact and the deal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="115"/>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="118"/>
        <source>%1 “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="125"/>
        <source>%1: %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="136"/>
        <source>Linked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="139"/>
        <source>No account: the contact stands alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="141"/>
        <source>Existing account “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="144"/>
        <source>Existing contact “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionsummarypage.cpp" line="155"/>
        <source>Not carried over</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ConversionWizard</name>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="28"/>
        <source>This lead no longer exists; it may have been deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="33"/>
        <source>“%1” was converted already. Unconvert it first to convert it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="36"/>
        <source>Convert Lead “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="39"/>
        <source>&amp;Convert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="87"/>
        <source>Cannot convert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="95"/>
        <source>Conversion failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/conversionwizard.cpp" line="96"/>
        <source>Nothing was changed; the lead is as it was.

%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ConvertLeadCommand</name>
    <message>
        <location filename="../ui/conversion/convertleadcommand.cpp" line="22"/>
        <source>Convert “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/convertleadcommand.cpp" line="45"/>
        <source>Could not convert again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ConvertedLeads</name>
    <message>
        <location filename="../models/transfer/convertedleads.cpp" line="55"/>
        <source>Converted: “%1” is not a date and time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::CsvActions</name>
    <message>
        <location filename="../ui/window/csvactions.cpp" line="28"/>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/csvactions.cpp" line="31"/>
        <source>%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/csvactions.cpp" line="39"/>
        <source>Import &amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/csvactions.cpp" line="43"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::DateLineEdit</name>
    <message>
        <location filename="../ui/records/datelineedit.cpp" line="20"/>
        <source>Pick a date from the calendar (Alt+Down)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::DeleteConfirmation</name>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="38"/>
        <source>Delete %n lead(s)?</source>
        <translation><numerusform>Delete %n lead?</numerusform><numerusform>Delete %n leads?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="39"/>
        <source>Delete %n contact(s)?</source>
        <translation><numerusform>Delete %n contact?</numerusform><numerusform>Delete %n contacts?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="40"/>
        <source>Delete %n account(s)?</source>
        <translation><numerusform>Delete %n account?</numerusform><numerusform>Delete %n accounts?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="41"/>
        <source>Delete %n deal(s)?</source>
        <translation><numerusform>Delete %n deal?</numerusform><numerusform>Delete %n deals?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="42"/>
        <source>Delete %n activity(-ies)?</source>
        <translation><numerusform>Delete %n activity?</numerusform><numerusform>Delete %n activities?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="50"/>
        <source>Deleting %n lead(s)…</source>
        <translation><numerusform>Deleting %n lead…</numerusform><numerusform>Deleting %n leads…</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="51"/>
        <source>Deleting %n contact(s)…</source>
        <translation><numerusform>Deleting %n contact…</numerusform><numerusform>Deleting %n contacts…</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="52"/>
        <source>Deleting %n account(s)…</source>
        <translation><numerusform>Deleting %n account…</numerusform><numerusform>Deleting %n accounts…</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="53"/>
        <source>Deleting %n deal(s)…</source>
        <translation><numerusform>Deleting %n deal…</numerusform><numerusform>Deleting %n deals…</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="54"/>
        <source>Deleting %n activity(-ies)…</source>
        <translation><numerusform>Deleting %n activity…</numerusform><numerusform>Deleting %n activities…</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="61"/>
        <source>%n contact(s)</source>
        <translation><numerusform>%n contact</numerusform><numerusform>%n contacts</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="62"/>
        <source>%n deal(s)</source>
        <translation><numerusform>%n deal</numerusform><numerusform>%n deals</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="64"/>
        <source>This account still has %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="65"/>
        <source>These accounts still have %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="68"/>
        <source>This account still has %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="69"/>
        <source>These accounts still have %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="70"/>
        <source>This contact still has %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="71"/>
        <source>These contacts still have %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="77"/>
        <location filename="../ui/records/deleteconfirmation.cpp" line="187"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/deleteconfirmation.cpp" line="81"/>
        <source>%n activity(-ies) on them will be deleted too, unless also on another record.</source>
        <translation><numerusform>%n activity on them will be deleted too, unless also on another record.</numerusform><numerusform>%n activities on them will be deleted too, unless also on another record.</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="84"/>
        <source>This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="85"/>
        <source>%1 This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="86"/>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="87"/>
        <location filename="../ui/records/deleteconfirmation.cpp" line="105"/>
        <location filename="../ui/records/deleteconfirmation.cpp" line="185"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="97"/>
        <source>Delete with its contacts and deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="98"/>
        <source>Delete with their contacts and deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="100"/>
        <source>Keep them, without account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="102"/>
        <source>Delete the deals too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="103"/>
        <source>Keep the deals, without contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="128"/>
        <source>Looking for records that depend on them…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="144"/>
        <location filename="../ui/records/deleteconfirmation.cpp" line="178"/>
        <source>Could not delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="144"/>
        <location filename="../ui/records/deleteconfirmation.cpp" line="178"/>
        <source>Nothing was deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/deleteconfirmation.cpp" line="199"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::DetailPages</name>
    <message>
        <location filename="../ui/records/detailpages.cpp" line="20"/>
        <source>Activities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpages.cpp" line="21"/>
        <source>The open activities on this record; Ctrl+L logs a call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpages.cpp" line="31"/>
        <source>The %1 of this record; Enter opens the selected one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpages.cpp" line="38"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpages.cpp" line="39"/>
        <source>Every change to this record, who made it and when, newest first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::DetailPane</name>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="82"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="86"/>
        <source>Open the whole record in its window (Enter in the list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="96"/>
        <source>Log &amp;Call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="97"/>
        <source>Log the call just made, and plan what follows it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="99"/>
        <source>D&amp;ismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="100"/>
        <source>Log nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="105"/>
        <source>Show Current &amp;Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="106"/>
        <source>Drop your changes and show the record as it is now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="126"/>
        <source>Rever&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="129"/>
        <source>Drop your changes to these fields (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="130"/>
        <location filename="../ui/records/detailpane.cpp" line="276"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="133"/>
        <source>Save your changes to these fields (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="153"/>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="168"/>
        <source>Log the call to %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="274"/>
        <source>Save your changes to “%1” before another record shows?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="275"/>
        <source>Changes you don&apos;t save are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="277"/>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="278"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="299"/>
        <source>This %1 no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="300"/>
        <source>Select a %1 to see it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="306"/>
        <source>%1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="328"/>
        <source>“%1” was changed elsewhere while you edited it here. Saving keeps the other changes too, and asks where both of you changed the same field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="330"/>
        <source>%1 changed “%2” while you edited it here. Saving keeps their changes too, and asks where you both changed the same field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/detailpane.cpp" line="379"/>
        <source>Could not save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::EmptyTab</name>
    <message>
        <location filename="../ui/records/emptytab.cpp" line="17"/>
        <source>No %1 yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/emptytab.cpp" line="23"/>
        <source>Bring in the file you have, add the first one by hand, or try Rapport with sample records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/emptytab.cpp" line="28"/>
        <source>&amp;Import a File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/emptytab.cpp" line="31"/>
        <source>&amp;Add the First %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/emptytab.cpp" line="33"/>
        <source>Fill In &amp;Sample Data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Entity</name>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="64"/>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="65"/>
        <source>Leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="101"/>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="102"/>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="123"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="124"/>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="155"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="156"/>
        <source>Deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="181"/>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="182"/>
        <source>Activities</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ExportDialog</name>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="57"/>
        <location filename="../ui/transfer/exportdialog.cpp" line="236"/>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="61"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="62"/>
        <source>vCard files (*.vcf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="63"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="68"/>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="99"/>
        <source>What is the file for?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="102"/>
        <source>E&amp;xcel: formulas neutralised, readable as UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="104"/>
        <source>Another &amp;program: plain CSV, cells exactly as stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="106"/>
        <source>An Excel &amp;workbook (.xlsx): numbers, dates and phone numbers each as what they are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="110"/>
        <source>An address &amp;book (vCard .vcf) for Outlook, Google or Apple Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="177"/>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/exportdialog.cpp" line="182"/>
        <source>The %n record(s) the tab shows now</source>
        <translation><numerusform>The %n record the tab shows now</numerusform><numerusform>The %n records the tab shows now</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/exportdialog.cpp" line="184"/>
        <source>The %n selected record(s)</source>
        <translation><numerusform>The %n selected record</numerusform><numerusform>The %n selected records</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="187"/>
        <source>All %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="189"/>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="192"/>
        <source>The columns the tab shows, in its order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="194"/>
        <source>Every field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="204"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="208"/>
        <source>Comma ( , )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="209"/>
        <source>Semicolon ( ; ), for Excel in many European languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="211"/>
        <source>Start with a byte order mark, so Excel reads it as UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="213"/>
        <source>Protect against spreadsheet formulas (cells starting with = + - @ get an apostrophe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="219"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="224"/>
        <source>&amp;Save as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="227"/>
        <source>&amp;Delimiter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="286"/>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/exportdialog.cpp" line="315"/>
        <source>“%1” cannot be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/exportdialog.cpp" line="318"/>
        <source>%n record(s) exported to %1.</source>
        <translation><numerusform>%n record exported to %1.</numerusform><numerusform>%n records exported to %1.</numerusform></translation>
    </message>
</context>
<context>
    <name>Rapport::Field</name>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="43"/>
        <source>Salutation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="44"/>
        <source>First Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="45"/>
        <source>Last Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="66"/>
        <location filename="../models/records/recordtypes.cpp" line="104"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="67"/>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="68"/>
        <location filename="../models/records/recordtypes.cpp" line="130"/>
        <source>Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="69"/>
        <location filename="../models/records/recordtypes.cpp" line="133"/>
        <source>Annual Revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="70"/>
        <source>No. of Employees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="71"/>
        <location filename="../models/records/recordtypes.cpp" line="126"/>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="53"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="54"/>
        <source>Secondary Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="55"/>
        <location filename="../models/records/recordtypes.cpp" line="127"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="56"/>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="57"/>
        <location filename="../models/records/recordtypes.cpp" line="128"/>
        <source>Fax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="58"/>
        <source>Email Opt Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="73"/>
        <location filename="../models/records/recordtypes.cpp" line="107"/>
        <location filename="../models/records/recordtypes.cpp" line="165"/>
        <source>Lead Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="74"/>
        <source>Lead Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="75"/>
        <location filename="../models/records/recordtypes.cpp" line="134"/>
        <location filename="../models/records/recordtypes.cpp" line="166"/>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="76"/>
        <location filename="../models/records/recordtypes.cpp" line="108"/>
        <location filename="../models/records/recordtypes.cpp" line="135"/>
        <location filename="../models/records/recordtypes.cpp" line="168"/>
        <location filename="../models/records/recordtypes.cpp" line="192"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="77"/>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="78"/>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="79"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="80"/>
        <source>Zip Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="81"/>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="82"/>
        <location filename="../models/records/recordtypes.cpp" line="114"/>
        <location filename="../models/records/recordtypes.cpp" line="146"/>
        <location filename="../models/records/recordtypes.cpp" line="169"/>
        <location filename="../models/records/recordtypes.cpp" line="199"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="92"/>
        <source>Converted Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="93"/>
        <source>Converted Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="94"/>
        <source>Converted Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="103"/>
        <location filename="../models/records/recordtypes.cpp" line="125"/>
        <location filename="../models/records/recordtypes.cpp" line="158"/>
        <source>Account Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="105"/>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="109"/>
        <source>Mailing Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="110"/>
        <source>Mailing City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="111"/>
        <source>Mailing State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="112"/>
        <source>Mailing Zip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="113"/>
        <source>Mailing Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="129"/>
        <source>Parent Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="131"/>
        <location filename="../models/records/recordtypes.cpp" line="184"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="132"/>
        <source>Employees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="136"/>
        <source>Billing Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="137"/>
        <source>Billing City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="138"/>
        <source>Billing State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="139"/>
        <source>Billing Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="140"/>
        <source>Billing Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="141"/>
        <source>Shipping Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="142"/>
        <source>Shipping City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="143"/>
        <source>Shipping State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="144"/>
        <source>Shipping Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="145"/>
        <source>Shipping Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="157"/>
        <source>Deal Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="159"/>
        <source>Contact Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="160"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="161"/>
        <source>Closing Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="162"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="163"/>
        <source>Probability (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="164"/>
        <source>Close Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="167"/>
        <source>Next Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="183"/>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="185"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="186"/>
        <source>Ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="187"/>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="188"/>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="189"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="190"/>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="191"/>
        <source>Call Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="193"/>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="194"/>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="195"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="196"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="197"/>
        <source>Repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="198"/>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/exportcolumns.cpp" line="16"/>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::FieldEditors</name>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="45"/>
        <source>Write an Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="46"/>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="47"/>
        <source>Write to this address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="48"/>
        <source>Call this number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="310"/>
        <source>%1: there is no %2 named “%3”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="313"/>
        <source>%1: more than one %2 is named “%3”; pick one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="318"/>
        <source>%1: “%2” is not a date (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="323"/>
        <source>%1: “%2” is not a date and time (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="332"/>
        <source>%1: “%2” is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/fieldeditors.cpp" line="333"/>
        <source>%1: “%2” is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Group</name>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="14"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="15"/>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="16"/>
        <source>Contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="17"/>
        <source>Qualification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="18"/>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="19"/>
        <source>Shipping address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="20"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="21"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="22"/>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="23"/>
        <source>Regarding</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ImportCheckPage</name>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="68"/>
        <source>&amp;Drop Selected Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="69"/>
        <source>&amp;Check Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="72"/>
        <source>Check the rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="73"/>
        <source>Nothing has been written yet. Fix or drop the rows with problems, or import without them and save them to fix later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="76"/>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="110"/>
        <source>Skip them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="111"/>
        <source>Update the existing records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="112"/>
        <source>Create new records anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="115"/>
        <source>Decide from the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="116"/>
        <source>Day first (31/01/2026)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="117"/>
        <source>Month first (01/31/2026)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="118"/>
        <source>Rows matching an existing record (same email or record id):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="119"/>
        <source>Dates like 01/03/2026:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="121"/>
        <source>&amp;Make the accounts and contacts the rows name that do not exist yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="173"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importcheckpage.cpp" line="212"/>
        <source>%n to create</source>
        <translation><numerusform>%n to create</numerusform><numerusform>%n to create</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importcheckpage.cpp" line="213"/>
        <source>%n to update</source>
        <translation><numerusform>%n to update</numerusform><numerusform>%n to update</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importcheckpage.cpp" line="214"/>
        <source>%n duplicate(s) to skip</source>
        <translation><numerusform>%n duplicate to skip</numerusform><numerusform>%n duplicates to skip</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importcheckpage.cpp" line="215"/>
        <source>%n with problems</source>
        <translation><numerusform>%n with problems</numerusform><numerusform>%n with problems</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importcheckpage.cpp" line="217"/>
        <source>%n new %1 to make</source>
        <translation><numerusform>%n new %1 to make</numerusform><numerusform>%n new %1 to make</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n to make</source>
        <translation><numerusform>%1: %n to make</numerusform><numerusform>%1: %n to make</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="224"/>
        <source>There is nothing to import with these choices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="235"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="235"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importcheckpage.cpp" line="285"/>
        <source>Your changes are not checked yet: click Check Again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ImportFilePage</name>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="28"/>
        <source>CRLF (Windows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="29"/>
        <source>LF (Linux, macOS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="30"/>
        <source>CR (classic Mac)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="51"/>
        <source>Choose the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="52"/>
        <source>Rapport reads CSV files from Zoho, Salesforce, HubSpot, Outlook, Google and spreadsheets, Excel workbooks and vCard address books. Check that the preview looks right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="56"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="63"/>
        <source>UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="64"/>
        <source>UTF-16 (little endian)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="65"/>
        <source>UTF-16 (big endian)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="66"/>
        <source>Windows-1252 (Western European)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="67"/>
        <source>ISO 8859-15 (Latin-9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="69"/>
        <source>Comma ( , )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="70"/>
        <source>Semicolon ( ; )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="71"/>
        <source>Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="72"/>
        <source>Vertical bar ( | )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="76"/>
        <source>Rapport reads all three kinds of line ends, even mixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="83"/>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="86"/>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="87"/>
        <source>&amp;Sheet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="88"/>
        <source>&amp;Encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="89"/>
        <source>&amp;Delimiter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="90"/>
        <source>Line ends:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="116"/>
        <source>Import File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="117"/>
        <source>Files Rapport reads (*.csv *.txt *.tsv *.xlsx *.vcf);;CSV files (*.csv *.txt *.tsv);;Excel workbooks (*.xlsx);;vCard files (*.vcf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="197"/>
        <source>Excel workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="198"/>
        <source>vCard address book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="199"/>
        <source>CSV (text with delimiters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importfilepage.cpp" line="154"/>
        <source>There is no file “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importfilepage.cpp" line="172"/>
        <source>%n row(s) shown from the start of the file.</source>
        <translation><numerusform>%n row shown from the start of the file.</numerusform><numerusform>%n rows shown from the start of the file.</numerusform></translation>
    </message>
</context>
<context>
    <name>Rapport::ImportHistoryDialog</name>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="39"/>
        <source>&amp;Undo Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="42"/>
        <source>Import History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="45"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="45"/>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="45"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="45"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="46"/>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="46"/>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="46"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="47"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="88"/>
        <source>Undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="111"/>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="114"/>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="132"/>
        <source>Undo Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="111"/>
        <source>Undo the import of “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="112"/>
        <source>The records it created are deleted and the records it updated get their earlier values back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importhistorydialog.cpp" line="114"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ImportMappingPage</name>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="41"/>
        <source>Match the columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="42"/>
        <source>Choose the field each column of the file fills. Columns Rapport has no field for can go to Description or be skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="46"/>
        <source>Column in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="46"/>
        <source>First value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="47"/>
        <source>Rapport field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="91"/>
        <source>Skip this column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="92"/>
        <source>Add to Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="93"/>
        <source>Record Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="96"/>
        <source>%1 (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="128"/>
        <source>Choose a column for %1: every %2 needs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="129"/>
        <location filename="../ui/transfer/importmappingpage.cpp" line="133"/>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importmappingpage.cpp" line="132"/>
        <source>Only the first column for %1 is imported; send the others to Description.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ImportRunPage</name>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="32"/>
        <source>&amp;Cancel Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="33"/>
        <source>&amp;Save Rejected Rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="36"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="63"/>
        <source>Checking the file once more, then writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="92"/>
        <source>About %Ln row(s) per second</source>
        <translation><numerusform>About %Ln row per second</numerusform><numerusform>About %Ln rows per second</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="93"/>
        <source>Writing the records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="93"/>
        <source>Checking the file once more…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="104"/>
        <source>The import was cancelled. Nothing was imported: the database is exactly as it was before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="106"/>
        <source>The import failed: %1
Nothing was imported: the database is exactly as it was before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="112"/>
        <source>%n created</source>
        <translation><numerusform>%n created</numerusform><numerusform>%n created</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="113"/>
        <source>%n updated</source>
        <translation><numerusform>%n updated</numerusform><numerusform>%n updated</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="114"/>
        <source>%n duplicate(s) skipped</source>
        <translation><numerusform>%n duplicate skipped</numerusform><numerusform>%n duplicates skipped</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="115"/>
        <source>%n rejected</source>
        <translation><numerusform>%n rejected</numerusform><numerusform>%n rejected</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="117"/>
        <source>%n new %1</source>
        <translation><numerusform>%n new %1</numerusform><numerusform>%n new %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n made</source>
        <translation><numerusform>%1: %n made</numerusform><numerusform>%1: %n made</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="119"/>
        <source>Done: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="132"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="147"/>
        <location filename="../ui/transfer/importrunpage.cpp" line="169"/>
        <source>Save Rejected Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="147"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importrunpage.cpp" line="170"/>
        <source>“%1” cannot be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/transfer/importrunpage.cpp" line="174"/>
        <source>%n rejected row(s) saved to %1.</source>
        <translation><numerusform>%n rejected row saved to %1.</numerusform><numerusform>%n rejected rows saved to %1.</numerusform></translation>
    </message>
</context>
<context>
    <name>Rapport::ImportValuesPage</name>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="35"/>
        <source>Match the values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="36"/>
        <source>Some values of the file are not in Rapport&apos;s lists. Choose the value each stands for, add it to the list, keep it on these rows only, or leave the field empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="40"/>
        <source>Values not in the lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="42"/>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="42"/>
        <source>Value in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="42"/>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="43"/>
        <source>Import as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="81"/>
        <source>%1: only the first %2 different values are listed; the others are imported as they are in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="83"/>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="97"/>
        <source>Column “%1”, imported into %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="110"/>
        <source>Import “%1” of %2 as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="118"/>
        <source>Add “%1” to the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="121"/>
        <source>Keep “%1” on these rows only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transfer/importvaluespage.cpp" line="124"/>
        <source>Leave empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ImportWizard</name>
    <message>
        <location filename="../ui/transfer/importwizard.cpp" line="19"/>
        <source>Import %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Keyring</name>
    <message>
        <location filename="../models/storage/keyring.cpp" line="39"/>
        <source>The desktop keyring could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/keyring.cpp" line="52"/>
        <source>The password could not be kept in the desktop keyring: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/keyring.cpp" line="63"/>
        <source>The password could not be taken out of the desktop keyring: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::MainWindow</name>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="63"/>
        <source>No database is open.
Use File › New Database or File › Open Database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="96"/>
        <location filename="../ui/window/mainwindow.cpp" line="340"/>
        <source>Rapport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="119"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="120"/>
        <source>&amp;About Rapport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="122"/>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="133"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="134"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="139"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="145"/>
        <source>&amp;Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="171"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="173"/>
        <source>&amp;New Database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="174"/>
        <source>Ctrl+Shift+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="177"/>
        <source>&amp;Open Database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="182"/>
        <source>Connect to &amp;Server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="184"/>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="187"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="196"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="200"/>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="208"/>
        <source>&amp;Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="209"/>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="213"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="219"/>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="227"/>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="234"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="235"/>
        <source>My &amp;Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="251"/>
        <source>&amp;Pipeline Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="259"/>
        <source>De&amp;tail Pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="264"/>
        <source>Show the current record beside the list (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="265"/>
        <source>The selected record&apos;s key fields, activities, related records and history beside each list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="294"/>
        <source>Cannot open database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="322"/>
        <source>%1 on %2 — Rapport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="324"/>
        <source>%1 — Rapport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="299"/>
        <source>The database was upgraded; the previous version was kept as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="355"/>
        <source>My Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="356"/>
        <source>What needs you today (Ctrl+0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="373"/>
        <source>%1 (Ctrl+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="386"/>
        <source>Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="387"/>
        <source>The deals by stage (Ctrl+%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="429"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="447"/>
        <location filename="../ui/window/mainwindow.cpp" line="467"/>
        <source>New Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="449"/>
        <source>Rapport databases (*.sqlite *.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="499"/>
        <source>Open Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="501"/>
        <source>Rapport databases (*.sqlite *.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="522"/>
        <source>Sample Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="523"/>
        <source>The sample records could not be added; nothing was changed.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="615"/>
        <source>About Rapport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="616"/>
        <source>&lt;h3&gt;Rapport %1&lt;/h3&gt;&lt;p&gt;A desktop CRM for small sales teams: leads, contacts, accounts and deals.&lt;/p&gt;&lt;p&gt;Licensed under the GNU GPL version 3 or later.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::MergeDialog</name>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="28"/>
        <source>%1 Was Changed Meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="34"/>
        <source>%1 Your changes to “%2” are not saved yet. Below are the fields you changed, beside their version and what each held when you opened the record; the check mark shows which value the record gets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="43"/>
        <source>Fields that differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="44"/>
        <source>Each field in your version, in theirs and as it was when you opened it; Space or a click on one of the two versions chooses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/mergedialog.cpp" line="61"/>
        <source>%n highlighted field(s) changed by both of you: your version is marked; take theirs where it is the right one.</source>
        <translation><numerusform>%n highlighted field changed by both of you: your version is marked; take theirs where it is the right one.</numerusform><numerusform>%n highlighted fields changed by both of you: your version is marked; take theirs where it is the right one.</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="74"/>
        <source>Their changes to other fields are kept: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="84"/>
        <source>&amp;Save Merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="87"/>
        <source>Save the record with the value chosen for each field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="91"/>
        <source>Back to your changes, unsaved (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="109"/>
        <source>Keep &amp;Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="111"/>
        <source>Keep your version of the selected fields (Alt+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="112"/>
        <source>Take &amp;Theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="114"/>
        <source>Take the saved version of the selected fields (Alt+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="128"/>
        <source>Someone else changed this record after you opened it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="137"/>
        <source>You deleted this record in another window at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="138"/>
        <source>You deleted this record in another window on %1 at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="140"/>
        <source>%1 deleted this record at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="141"/>
        <source>%1 deleted this record on %2 at %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="144"/>
        <source>You changed this record in another window at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="145"/>
        <source>You changed this record in another window on %1 at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="147"/>
        <source>%1 changed this record at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergedialog.cpp" line="148"/>
        <source>%1 changed this record on %2 at %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::MergeModel</name>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="49"/>
        <source>%1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="58"/>
        <source>the colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="81"/>
        <location filename="../ui/records/mergemodel.cpp" line="87"/>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="90"/>
        <source>You and %1 both changed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="92"/>
        <source>You changed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="93"/>
        <source>When you opened the record: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="137"/>
        <source>%1, chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="181"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="182"/>
        <source>Your version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="184"/>
        <source>Saved version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="184"/>
        <source>%1&apos;s version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/mergemodel.cpp" line="185"/>
        <source>When you opened it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::MergeTable</name>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="24"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="24"/>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="24"/>
        <source>Existing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="24"/>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="24"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="59"/>
        <source>Fill if empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="60"/>
        <source>Lead&apos;s value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conversion/mergetable.cpp" line="61"/>
        <source>Existing value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::MoveDealCommand</name>
    <message>
        <location filename="../ui/pipeline/movedealcommand.cpp" line="33"/>
        <source>The deal was deleted meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/movedealcommand.cpp" line="36"/>
        <source>The deal&apos;s %1 was changed since, so this was not done; open the deal to see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/movedealcommand.cpp" line="56"/>
        <source>Move to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::MyDayTab</name>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="59"/>
        <source>Whose activities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="60"/>
        <source>Yours (with those nobody owns), or everyone&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="61"/>
        <source>Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="62"/>
        <source>Everyone&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="64"/>
        <source>Activity type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="65"/>
        <source>Every type, or tasks, calls, meetings or emails only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="66"/>
        <source>All types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="70"/>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="71"/>
        <source>Activities on any record, or on leads, contacts, accounts or deals only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="73"/>
        <source>All records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="99"/>
        <source>&amp;Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="99"/>
        <source>Ctrl+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="100"/>
        <source>Complete the activity, and plan the next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="101"/>
        <source>+1 D&amp;ay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="101"/>
        <source>Ctrl+Shift+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="102"/>
        <source>Move it a day on, at the same time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="103"/>
        <source>Next &amp;Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="103"/>
        <source>Ctrl+Shift+M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="104"/>
        <source>Move it to next Monday, at the same time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="105"/>
        <source>&amp;Reschedule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="105"/>
        <source>Ctrl+Shift+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="106"/>
        <source>Move it to a date and time you pick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="107"/>
        <source>&amp;Log Call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="107"/>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="108"/>
        <source>Log a call just made on the same record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="112"/>
        <source>My Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="114"/>
        <source>Overdue, today, the next days and deals with no next step; Enter opens the record, Ctrl+D completes, Ctrl+Shift+D moves a day on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="116"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="116"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="116"/>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="116"/>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="168"/>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="169"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/day/mydaytab.cpp" line="170"/>
        <source>Next %n day(s)</source>
        <translation><numerusform>Next %n day</numerusform><numerusform>Next %n days</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="171"/>
        <source>Open deals with no next step (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="180"/>
        <source>Plan the next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/mydaytab.cpp" line="186"/>
        <source>%1 overdue, %2 today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::NextStepDialog</name>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="36"/>
        <source>Log a Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="37"/>
        <source>Plan the Next Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="37"/>
        <source>Next Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="41"/>
        <source>The call about “%1”: what was it about, and how did it go?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="42"/>
        <source>“%1” has no next step. What is it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="43"/>
        <source>“%1” is done. What is the next step?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="47"/>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="48"/>
        <source>What is to be done next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="49"/>
        <source>&amp;Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="52"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="53"/>
        <source>How the call went.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="54"/>
        <source>&amp;Outcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="57"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="58"/>
        <source>A task, a call, a meeting or an email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="59"/>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="62"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="63"/>
        <source>When the next step is due; Alt+Down opens a calendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="69"/>
        <source>&amp;Due:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="73"/>
        <source>&amp;Log Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="73"/>
        <source>&amp;Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="79"/>
        <source>&amp;No Next Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/nextstepdialog.cpp" line="81"/>
        <source>Complete it without planning anything; an open deal is then flagged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::NoteStore</name>
    <message>
        <location filename="../models/storage/notestore.cpp" line="27"/>
        <source>A note needs some text.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::NotesPanel</name>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="25"/>
        <location filename="../ui/records/notespanel.cpp" line="52"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="33"/>
        <source>New note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="34"/>
        <source>Ctrl+Enter adds the note to the record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="35"/>
        <source>Write a note… (Ctrl+Enter adds it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="40"/>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="42"/>
        <source>Add the note to the record (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="53"/>
        <source>The record&apos;s notes, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="95"/>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/notespanel.cpp" line="100"/>
        <source>No notes yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::NoticeBar</name>
    <message>
        <location filename="../ui/window/noticebar.cpp" line="33"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/noticebar.cpp" line="34"/>
        <source>Close the notice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Notifier</name>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="28"/>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="34"/>
        <source>%1, due %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="36"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="49"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="51"/>
        <source>Snooze 10 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="53"/>
        <source>Snooze 1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="55"/>
        <source>Tomorrow morning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/notifier.cpp" line="57"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Noun</name>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="427"/>
        <source>lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="427"/>
        <source>leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="428"/>
        <source>contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="428"/>
        <source>contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="429"/>
        <source>account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="429"/>
        <source>accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="430"/>
        <source>deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="430"/>
        <source>deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="431"/>
        <source>activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="431"/>
        <source>activities</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::OpenActivities</name>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="61"/>
        <source>&amp;Done…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="61"/>
        <source>Ctrl+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="63"/>
        <source>Complete the selected activity, and plan the next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="64"/>
        <source>+1 D&amp;ay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="64"/>
        <source>Ctrl+Shift+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="66"/>
        <source>Move the selected activity a day on, at the same time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="74"/>
        <source>Open activities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="76"/>
        <source>The open activities on this record, soonest first; Enter opens one, Ctrl+D completes it, Ctrl+Shift+D moves it a day on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="78"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="78"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/day/openactivities.cpp" line="78"/>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::OwnerActions</name>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="28"/>
        <source>S&amp;witch User…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="30"/>
        <source>&amp;Assign To…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="32"/>
        <source>Reps Change &amp;Only Their Own Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="36"/>
        <source>Ctrl+Shift+U</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="37"/>
        <source>Work as another user of this database (Ctrl+Shift+U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="39"/>
        <source>Ctrl+Shift+A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="40"/>
        <source>Give the selected records to another user (Ctrl+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="43"/>
        <source>Ctrl+Alt+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="44"/>
        <source>Let the server refuse reps’ changes to records they do not own (admins only, on a server; Ctrl+Alt+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="76"/>
        <location filename="../ui/window/owneractions.cpp" line="80"/>
        <source>Who are you?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="121"/>
        <source>Switch User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="134"/>
        <source>Reps Change Only Their Own Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="153"/>
        <source>Assign To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/owneractions.cpp" line="153"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::OwnerPicker</name>
    <message>
        <location filename="../ui/records/ownerpicker.cpp" line="21"/>
        <source>Nobody</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::OwnerPrompt</name>
    <message>
        <location filename="../ui/records/ownerprompt.cpp" line="25"/>
        <source>New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/ownerprompt.cpp" line="26"/>
        <source>“%1” is not one of the users yet. Add them as a user?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/ownerprompt.cpp" line="28"/>
        <source>Records can only be owned by users; a new one can be picked as owner from then on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/ownerprompt.cpp" line="30"/>
        <source>&amp;Add User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/ownerprompt.cpp" line="31"/>
        <source>&amp;Go Back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ParentRecords</name>
    <message>
        <location filename="../models/transfer/parentrecords.cpp" line="139"/>
        <source>The %1 “%2” could not be made: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Picklist</name>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="213"/>
        <source>Mr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="214"/>
        <source>Mrs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="215"/>
        <source>Ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="216"/>
        <source>Dr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="217"/>
        <source>Prof.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="220"/>
        <source>Advertisement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="221"/>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="222"/>
        <source>Cold Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="223"/>
        <source>Employee Referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="224"/>
        <source>External Referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="225"/>
        <source>Online Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="226"/>
        <location filename="../models/records/recordtypes.cpp" line="274"/>
        <source>Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="227"/>
        <source>Partner Referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="228"/>
        <source>Public Relations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="229"/>
        <source>Seminar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="230"/>
        <source>Trade Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="231"/>
        <source>Web Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="232"/>
        <source>Web Research</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="235"/>
        <source>Not Contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="236"/>
        <source>Attempted to Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="237"/>
        <source>Contact in Future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="238"/>
        <source>Contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="239"/>
        <source>Pre-Qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="240"/>
        <source>Not Qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="241"/>
        <source>Junk Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="242"/>
        <source>Lost Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="245"/>
        <source>Agriculture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="246"/>
        <source>Banking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="247"/>
        <source>Construction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="248"/>
        <source>Consulting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="249"/>
        <source>Education</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="250"/>
        <source>Energy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="251"/>
        <source>Finance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="252"/>
        <source>Government</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="253"/>
        <source>Healthcare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="254"/>
        <source>Hospitality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="255"/>
        <source>Insurance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="256"/>
        <source>Manufacturing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="257"/>
        <source>Media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="258"/>
        <source>Non-Profit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="259"/>
        <source>Real Estate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="260"/>
        <source>Retail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="261"/>
        <source>Software</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="262"/>
        <source>Telecommunications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="263"/>
        <source>Transportation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="264"/>
        <location filename="../models/records/recordtypes.cpp" line="280"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="267"/>
        <source>Hot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="268"/>
        <source>Warm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="269"/>
        <source>Cold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="272"/>
        <source>Prospect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="273"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="275"/>
        <source>Reseller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="276"/>
        <source>Distributor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="277"/>
        <source>Competitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="278"/>
        <source>Investor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="279"/>
        <source>Press</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="283"/>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="284"/>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="285"/>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="286"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="289"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="290"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="293"/>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="294"/>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="295"/>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="300"/>
        <source>At due time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="301"/>
        <source>5 minutes before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="302"/>
        <source>15 minutes before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="303"/>
        <source>30 minutes before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="304"/>
        <source>1 hour before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="305"/>
        <source>2 hours before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="306"/>
        <source>1 day before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="307"/>
        <source>1 week before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="310"/>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="311"/>
        <source>No Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="312"/>
        <source>Left Voicemail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="313"/>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="316"/>
        <source>Qualification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="317"/>
        <source>Needs Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="318"/>
        <source>Proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="319"/>
        <source>Negotiation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="320"/>
        <source>Closed Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="321"/>
        <source>Closed Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="511"/>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RecentDatabases</name>
    <message>
        <location filename="../ui/window/recentdatabases.cpp" line="55"/>
        <source>&amp;%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/recentdatabases.cpp" line="61"/>
        <source>No recent databases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/recentdatabases.cpp" line="65"/>
        <source>&amp;Clear List</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RecordDialog</name>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="46"/>
        <source>New Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="47"/>
        <source>New Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="48"/>
        <source>New Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="49"/>
        <source>New Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="50"/>
        <source>New Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="97"/>
        <source>Show Current &amp;Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="98"/>
        <source>Drop your changes and show the record as it is now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="112"/>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="161"/>
        <source>Open the account in a window of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="173"/>
        <location filename="../ui/records/recorddialog.cpp" line="522"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="176"/>
        <source>Save and close (Ctrl+S, Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="178"/>
        <source>Save &amp;&amp; &amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="181"/>
        <source>Save and start another (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="185"/>
        <source>Close the record (Esc); changes not saved yet are asked about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="263"/>
        <source>This record was deleted elsewhere while you edited it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="264"/>
        <source>%1 deleted this record while you edited it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="269"/>
        <source>This record was changed elsewhere while you edited it here. Saving keeps the other changes too, and asks where both of you changed the same field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="271"/>
        <source>%1 changed this record while you edited it here. Saving keeps their changes too, and asks where you both changed the same field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="310"/>
        <source>New &amp;Activity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="312"/>
        <source>Plan a task, call or meeting on this record (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="323"/>
        <source>The %1 of this record; Enter opens the selected one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="343"/>
        <source>Could not change the attendees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="349"/>
        <location filename="../ui/records/recorddialog.cpp" line="435"/>
        <source>Could not add the note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="358"/>
        <source>&amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="359"/>
        <source>Notes on this record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="361"/>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="362"/>
        <source>Every change to this record, who made it and when, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="374"/>
        <source>%1 #%2 no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="378"/>
        <source>%1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="393"/>
        <source>Open account “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="393"/>
        <source>No account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="412"/>
        <source>Possible duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="414"/>
        <source>Add it anyway, or go back and open the one you have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="415"/>
        <source>&amp;Add Anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="416"/>
        <source>&amp;Go Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="482"/>
        <source>Could not save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="520"/>
        <source>Save the changes to this record before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="521"/>
        <source>Changes you don&apos;t save are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="523"/>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="524"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="555"/>
        <source>lead %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="556"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="563"/>
        <source>This may be an account you have already: %1. Open it instead of adding the same company twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="567"/>
        <source>This may be someone you have already, as a contact or a lead: %1. Open them instead of adding the same person twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recorddialog.cpp" line="569"/>
        <source>This may be a contact you have already: %1. Open it instead of adding the same person twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RecordForm</name>
    <message>
        <location filename="../ui/records/recordform.cpp" line="125"/>
        <source>%1 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="131"/>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="180"/>
        <source>How it repeats; Alt+Down lists the usual repeats, Custom… sets any.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="183"/>
        <source>A line of text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="184"/>
        <source>Text of several lines; Tab leaves it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="185"/>
        <source>An email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="186"/>
        <source>A phone number, best with its country code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="187"/>
        <source>A web address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="188"/>
        <source>A whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="189"/>
        <source>An amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="191"/>
        <source>A date, as %1; Alt+Down opens a calendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="195"/>
        <source>A date and time, as %1; Alt+Down opens a calendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="198"/>
        <source>Yes or no; Space switches it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="199"/>
        <source>One of a list of values; Alt+Down opens it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="201"/>
        <source>The %1 it belongs to; type part of its name to find it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="206"/>
        <source>One of the users; type part of a name to find it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="207"/>
        <source>Required. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordform.cpp" line="368"/>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RecordStore</name>
    <message>
        <location filename="../models/storage/recordstore.cpp" line="251"/>
        <location filename="../models/storage/recordstore.cpp" line="472"/>
        <source>There is no %1 with id %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/recordstore.cpp" line="263"/>
        <source>The %1 was changed since (it is at version %2, not %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/recordstore.cpp" line="320"/>
        <source>The server did not let the %1 be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/recordstore.cpp" line="456"/>
        <source>The delete was cancelled; nothing was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/recordstore.cpp" line="481"/>
        <source>Records to delete still have %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/storage/recordstore.cpp" line="482"/>
        <source>%n contact(s)</source>
        <translation><numerusform>%n contact</numerusform><numerusform>%n contacts</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/storage/recordstore.cpp" line="484"/>
        <source>%n deal(s)</source>
        <translation><numerusform>%n deal</numerusform><numerusform>%n deals</numerusform></translation>
    </message>
</context>
<context>
    <name>Rapport::RecordTab</name>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="106"/>
        <source>Search name, email, company, phone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="85"/>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="86"/>
        <source>All sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="202"/>
        <source>All types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="203"/>
        <source>Open and done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="105"/>
        <source>Search %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="121"/>
        <source>Whose %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="122"/>
        <source>Everyone&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="123"/>
        <source>Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="130"/>
        <source>Converted leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="131"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="132"/>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="133"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="180"/>
        <source>Enter opens the selected %1, Del deletes it, Ctrl+F searches; the arrow keys move through the list, the column titles sort it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/recordtypes.cpp" line="171"/>
        <source>All stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="319"/>
        <source>Reset Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="348"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/recordtab.cpp" line="348"/>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Recurrence</name>
    <message>
        <location filename="../models/records/recurrence.cpp" line="50"/>
        <source>“%1” is not a repeat rule (for example FREQ=WEEKLY;BYDAY=MO or FREQ=MONTHLY;BYDAY=3TU;COUNT=6).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ReferencePicker</name>
    <message>
        <location filename="../ui/records/referencepicker.cpp" line="34"/>
        <source>Type to search %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/referencepicker.cpp" line="63"/>
        <location filename="../ui/records/referencepicker.cpp" line="112"/>
        <source>%1 (#%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RelatedList</name>
    <message>
        <location filename="../ui/records/relatedlist.cpp" line="35"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ReminderActions</name>
    <message>
        <location filename="../ui/reminders/reminderactions.cpp" line="31"/>
        <source>&amp;Reminders…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderactions.cpp" line="33"/>
        <source>Ctrl+Shift+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderactions.cpp" line="34"/>
        <source>The reminders that are due, to open, snooze or dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::ReminderScheduler</name>
    <message>
        <location filename="../ui/reminders/reminderscheduler.cpp" line="158"/>
        <source>“%1” could not be snoozed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RemindersWindow</name>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="30"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="31"/>
        <source>&amp;Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="33"/>
        <source>&amp;Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="35"/>
        <source>Dismiss &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="38"/>
        <location filename="../ui/reminders/reminderswindow.cpp" line="46"/>
        <source>Reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="42"/>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="42"/>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="42"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="42"/>
        <source>Late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="47"/>
        <source>The reminders that are due: Enter opens one, Del dismisses the selected ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="66"/>
        <source>Open the record the activity is on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="67"/>
        <source>Remind again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="68"/>
        <source>Take the selected reminders off the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="69"/>
        <source>Take every reminder off the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/reminders/reminderswindow.cpp" line="115"/>
        <source>%n minute(s)</source>
        <translation><numerusform>%n minute</numerusform><numerusform>%n minutes</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/reminders/reminderswindow.cpp" line="117"/>
        <source>%n hour(s)</source>
        <translation><numerusform>%n hour</numerusform><numerusform>%n hours</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/reminders/reminderswindow.cpp" line="118"/>
        <source>%n day(s)</source>
        <translation><numerusform>%n day</numerusform><numerusform>%n days</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="137"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="140"/>
        <source>due now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="141"/>
        <source>due in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/reminders/reminderswindow.cpp" line="158"/>
        <source>No reminders are due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/reminders/reminderswindow.cpp" line="159"/>
        <source>%n reminder(s) due.</source>
        <translation><numerusform>%n reminder due.</numerusform><numerusform>%n reminders due.</numerusform></translation>
    </message>
</context>
<context>
    <name>Rapport::RepeatDialog</name>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="32"/>
        <source>Repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="34"/>
        <source>Repeat &amp;every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="35"/>
        <location filename="../ui/records/repeatdialog.cpp" line="36"/>
        <source>On:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="37"/>
        <source>Ends:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="59"/>
        <source>Repeat every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="63"/>
        <source>Repeat unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="98"/>
        <source>on &amp;day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="103"/>
        <source>Day of the month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="104"/>
        <source>on the</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="108"/>
        <source>Which weekday of the month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="110"/>
        <source>first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="110"/>
        <source>second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="110"/>
        <source>third</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="110"/>
        <source>fourth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="110"/>
        <source>last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="115"/>
        <source>Weekday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="139"/>
        <source>&amp;never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="141"/>
        <source>&amp;on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="145"/>
        <source>Last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="146"/>
        <source>&amp;after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="151"/>
        <source> times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="152"/>
        <source>How many times</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/repeatdialog.cpp" line="209"/>
        <source>day(s)</source>
        <translation><numerusform>day</numerusform><numerusform>days</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/repeatdialog.cpp" line="209"/>
        <source>week(s)</source>
        <translation><numerusform>week</numerusform><numerusform>weeks</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/repeatdialog.cpp" line="210"/>
        <source>month(s)</source>
        <translation><numerusform>month</numerusform><numerusform>months</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/records/repeatdialog.cpp" line="210"/>
        <source>year(s)</source>
        <translation><numerusform>year</numerusform><numerusform>years</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="227"/>
        <source>Enter the last day, or choose another end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeatdialog.cpp" line="228"/>
        <source>Choose at least one weekday.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RepeatEditor</name>
    <message>
        <location filename="../ui/records/repeateditor.cpp" line="46"/>
        <source>Does not repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/repeateditor.cpp" line="58"/>
        <source>Custom…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::RepeatPattern</name>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="81"/>
        <source>first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="82"/>
        <source>second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="83"/>
        <source>third</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="84"/>
        <source>fourth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="86"/>
        <source>last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="93"/>
        <source>Every weekday (Monday to Friday)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="95"/>
        <source>Every week</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/records/repeatpattern.cpp" line="96"/>
        <source>Every %n week(s)</source>
        <translation><numerusform>Every %n week</numerusform><numerusform>Every %n weeks</numerusform></translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="101"/>
        <source>Weekly on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/records/repeatpattern.cpp" line="102"/>
        <source>Every %n week(s) on %1</source>
        <translation><numerusform>Every %n week on %1</numerusform><numerusform>Every %n weeks on %1</numerusform></translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="108"/>
        <source>on day %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="109"/>
        <source>on the %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="110"/>
        <source>Monthly %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/records/repeatpattern.cpp" line="111"/>
        <source>Every %n month(s) %1</source>
        <translation><numerusform>Every %n month %1</numerusform><numerusform>Every %n months %1</numerusform></translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="166"/>
        <source>Every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/records/repeatpattern.cpp" line="166"/>
        <source>Every %n day(s)</source>
        <translation><numerusform>Every %n day</numerusform><numerusform>Every %n days</numerusform></translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="171"/>
        <source>Every year</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/records/repeatpattern.cpp" line="171"/>
        <source>Every %n year(s)</source>
        <translation><numerusform>Every %n year</numerusform><numerusform>Every %n years</numerusform></translation>
    </message>
    <message>
        <location filename="../models/records/repeatpattern.cpp" line="175"/>
        <source>%1, until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/records/repeatpattern.cpp" line="177"/>
        <source>%1, %n time(s)</source>
        <translation><numerusform>%1, %n time</numerusform><numerusform>%1, %n times</numerusform></translation>
    </message>
</context>
<context>
    <name>Rapport::ServerLocation</name>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="53"/>
        <source>Enter the server&apos;s name or address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="58"/>
        <source>“%1” is not a server name or address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="61"/>
        <source>The port is a number from 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="63"/>
        <source>Enter the name of the database on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="65"/>
        <source>Enter your login name on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="67"/>
        <source>The database and login names cannot hold control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="70"/>
        <source>Choose the file of the certificate authority that signed the server&apos;s certificate, to check it against.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="74"/>
        <source>The certificate authority&apos;s file “%1” cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="77"/>
        <source>The path of the certificate authority&apos;s file cannot hold &apos;;&apos;; move the file to a folder without one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="109"/>
        <source>“%1” is not a postgresql:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="111"/>
        <source>“%1” is not a server address: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/serverlocation.cpp" line="125"/>
        <source>“%1” is not a TLS mode Rapport knows (disable, prefer, require or verify-full).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::StageSettingsDialog</name>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="21"/>
        <source>Pipeline Stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="23"/>
        <source>A deal moved into a stage gets its probability, unless the rep set one of their own. The board marks a deal that sits in a stage longer than its days as going stale (0: never).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="31"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="31"/>
        <source>Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="31"/>
        <source>Stale after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="43"/>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="45"/>
        <source>Probability of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="49"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="50"/>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pipeline/stagesettingsdialog.cpp" line="52"/>
        <source>Days before a deal in %1 goes stale</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Timeline</name>
    <message>
        <location filename="../models/history/timeline.cpp" line="158"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="160"/>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="165"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="167"/>
        <source>Attendees: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="170"/>
        <source>%1 changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="174"/>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="177"/>
        <source>(deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="186"/>
        <source>%1: %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="190"/>
        <source>Note deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="191"/>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="196"/>
        <source>%1 scheduled: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="199"/>
        <source>%1 done: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="200"/>
        <source>%1 done: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="202"/>
        <source>%1 reopened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="206"/>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="207"/>
        <source>Made from a converted lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="211"/>
        <source>Conversion undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="212"/>
        <source>The lead it was made from was unconverted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="215"/>
        <source>Imported from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/history/timeline.cpp" line="217"/>
        <source>Import of %1 undone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::TimelinePanel</name>
    <message>
        <location filename="../ui/records/timelinepanel.cpp" line="23"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/timelinepanel.cpp" line="24"/>
        <source>What happened to this record, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/timelinepanel.cpp" line="27"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/timelinepanel.cpp" line="27"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/timelinepanel.cpp" line="27"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/timelinepanel.cpp" line="33"/>
        <source>Show &amp;Older</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::TrayNotifier</name>
    <message>
        <location filename="../ui/reminders/traynotifier.cpp" line="64"/>
        <source>Reminder: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::UserDialog</name>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="22"/>
        <source>Welcome to Rapport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="22"/>
        <source>Switch User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="26"/>
        <source>Who are you? Records you add are yours, and “Mine” shows them. Pick your name if it is listed, or type it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="28"/>
        <source>Work as another user: new records are theirs, and “Mine” shows their records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="40"/>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="46"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="49"/>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="51"/>
        <source>Your email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="52"/>
        <source>&amp;Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="58"/>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/window/userdialog.cpp" line="58"/>
        <source>&amp;Switch</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::VCardReader</name>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="70"/>
        <source>The value on line %1 is longer than %2 bytes: this is probably not a vCard file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="115"/>
        <source>Line %1 contains a control character (0x%2): this is not a vCard file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="131"/>
        <source>Line %1 is longer than %2 bytes: this is not a vCard file, or it is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="170"/>
        <source>This vCard file is in UTF-16, which Rapport does not read: save it as UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="178"/>
        <source>The file holds no cards: it is empty or not a vCard file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="189"/>
        <source>Line %1 is not the start of a card (BEGIN:VCARD): this is not a vCard file, or it is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="204"/>
        <source>The card starting on line %1 is larger than %2 bytes: this is probably not a vCard file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="229"/>
        <source>The card starting on line %1 has more than %2 properties: this is probably not a vCard file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="262"/>
        <source>The file ends before this card’s END:VCARD: it was cut short.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="264"/>
        <source>This card is vCard version %1, which Rapport cannot read (it reads 2.1, 3.0 and 4.0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="267"/>
        <source>This card has text that is not valid in its character set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/vcard/vcardreader.cpp" line="269"/>
        <source>This card has no name: no N, FN or ORG.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::VCardWriter</name>
    <message>
        <location filename="../models/vcard/vcardwriter.cpp" line="128"/>
        <source>Could not write the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Validation</name>
    <message>
        <location filename="../models/records/validation.cpp" line="33"/>
        <source>%1: “%2” is not a valid email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/validation.cpp" line="40"/>
        <source>%1: “%2” is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/validation.cpp" line="42"/>
        <source>%1: %2 is not between %3 and %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/validation.cpp" line="49"/>
        <source>%1: “%2” is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/validation.cpp" line="53"/>
        <source>%1: “%2” is not a date (YYYY-MM-DD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/validation.cpp" line="61"/>
        <source>%1: “%2” is not a date and time (YYYY-MM-DDTHH:MM:SSZ).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/validation.cpp" line="99"/>
        <source>%1 is required.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::Value</name>
    <message>
        <location filename="../models/records/valuetext.cpp" line="38"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/records/valuetext.cpp" line="39"/>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rapport::XlsxReader</name>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="18"/>
        <location filename="../models/xlsx/xlsxworkbook.cpp" line="102"/>
        <source>This file is not an Excel workbook (.xlsx).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="21"/>
        <source>The workbook is damaged or incomplete (perhaps it was not completely downloaded or copied). Open it in Excel or LibreOffice and save it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="25"/>
        <source>The workbook is password-protected. Open it in Excel or LibreOffice, save it without a password and import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="29"/>
        <source>This is an old Excel workbook (.xls). Open it in Excel or LibreOffice, save it as an Excel workbook (.xlsx) or as CSV and import that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="33"/>
        <source>The file cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="36"/>
        <source>The workbook would unpack to more than %1 MB, more than Rapport reads: it is damaged or built to harm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="40"/>
        <source>The workbook&apos;s part “%1” is packed more tightly than any real workbook (over %2 to 1): it is damaged or built to harm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="44"/>
        <location filename="../models/xlsx/xlsxworkbook.cpp" line="104"/>
        <source>The workbook is incomplete: its part “%1” is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="47"/>
        <source>The workbook&apos;s part “%1” is larger than Rapport reads (%2 MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="50"/>
        <source>The workbook&apos;s part “%1” unpacks to more than its stated size: the file is damaged or built to harm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxarchive.cpp" line="54"/>
        <source>The workbook&apos;s part “%1” is damaged and cannot be unpacked. Open the workbook in Excel or LibreOffice and save it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxcells.cpp" line="181"/>
        <source>The workbook&apos;s part “%1” is damaged: %2 (line %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxsharedstrings.cpp" line="34"/>
        <source>The workbook holds more text than Rapport reads (%1 million characters). Save the sheet as CSV and import that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxworkbook.cpp" line="139"/>
        <source>The workbook has no worksheets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxreader.cpp" line="84"/>
        <source>The workbook has no sheet number %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/xlsx/xlsxreader.cpp" line="108"/>
        <source>%n cells hold formulas; their last computed values were imported.</source>
        <translation><numerusform>%n cells hold formulas; their last computed values were imported.</numerusform><numerusform>%n cells hold formulas; their last computed values were imported.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/xlsx/xlsxreader.cpp" line="111"/>
        <source>%n cells hold an error value (such as #DIV/0! or #N/A); they were imported as empty.</source>
        <translation><numerusform>%n cells hold an error value (such as #DIV/0! or #N/A); they were imported as empty.</numerusform><numerusform>%n cells hold an error value (such as #DIV/0! or #N/A); they were imported as empty.</numerusform></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxreader.cpp" line="181"/>
        <source>Row %1 has a cell at an impossible place (“%2”): the workbook is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxreader.cpp" line="185"/>
        <source>Row %1 has more than %2 cells: the workbook is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxreader.cpp" line="223"/>
        <source>Row %1 has a cell longer than %2 characters, more than Rapport reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxreader.cpp" line="231"/>
        <source>Row %1 holds more than %2 characters, more than Rapport reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxreader.cpp" line="274"/>
        <source>Row %1 refers to text the workbook does not hold: the workbook is damaged.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxwriter.cpp" line="73"/>
        <location filename="../models/xlsx/xlsxwriter.cpp" line="90"/>
        <source>An Excel sheet holds at most %1 columns; the export has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/xlsx/xlsxwriter.cpp" line="86"/>
        <source>An Excel sheet holds at most %1 rows, the header included; this export has more. Export fewer records (filter the list) or export as CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/xlsx/xlsxwriter.cpp" line="221"/>
        <source>%n values were longer than the 32,767 characters an Excel cell holds and were cut (the first in row %1).</source>
        <translation><numerusform>%n values were longer than the 32,767 characters an Excel cell holds and were cut (the first in row %1).</numerusform><numerusform>%n values were longer than the 32,767 characters an Excel cell holds and were cut (the first in row %1).</numerusform></translation>
    </message>
</context>
<context>
    <name>ReminderBook</name>
    <message>
        <location filename="../models/activities/reminders.cpp" line="105"/>
        <source>Could not read the reminders: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/activities/reminders.cpp" line="218"/>
        <source>This activity has no reminder to snooze any more.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RowConverter</name>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="135"/>
        <source>%1: “%2” is not a date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="166"/>
        <source>%1: there are several %2 named “%3”; give the id instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="168"/>
        <source>%1: there is no %2 with the id %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="171"/>
        <source>%1: there is no %2 “%3” (import those first, or let the import make them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="173"/>
        <source>%1: there is no %2 “%3”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="188"/>
        <source>%1: “%2” is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="189"/>
        <source>%1: “%2” is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="200"/>
        <source>%1: “%2” is not a date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="208"/>
        <source>%1: “%2” is neither yes nor no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="336"/>
        <source>%1 mixes day/month and month/day dates (%2 and %3): choose the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/rowconverter.cpp" line="338"/>
        <location filename="../models/transfer/rowconverter.cpp" line="339"/>
        <source>%n row(s)</source>
        <translation><numerusform>%n row</numerusform><numerusform>%n rows</numerusform></translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="361"/>
        <source>%1: dates such as “%2” could be day/month or month/day; they were read as %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="363"/>
        <source>month/day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/transfer/rowconverter.cpp" line="364"/>
        <source>day/month</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/rowconverter.cpp" line="368"/>
        <source>%1: %n row(s) have values that are not in the list (such as “%2”).</source>
        <translation><numerusform>%1: %n row have values that are not in the list (such as “%2”).</numerusform><numerusform>%1: %n rows have values that are not in the list (such as “%2”).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/transfer/rowconverter.cpp" line="373"/>
        <source>%1: %n row(s) keep values that are not in the list, as you chose (such as “%2”).</source>
        <translation><numerusform>%1: %n row keep values that are not in the list, as you chose (such as “%2”).</numerusform><numerusform>%1: %n rows keep values that are not in the list, as you chose (such as “%2”).</numerusform></translation>
    </message>
</context>
<context>
    <name>RowSecurity</name>
    <message>
        <location filename="../models/storage/rowsecurity.cpp" line="162"/>
        <source>Only an admin (the role that owns Rapport’s tables on the server, or one of its members) can change this setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/rowsecurity.cpp" line="165"/>
        <source>Only a database on a PostgreSQL server has this setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/rowsecurity.cpp" line="212"/>
        <source>Only %1, its owner, can change this %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/rowsecurity.cpp" line="214"/>
        <source>Only %1, its owner, can add notes to this %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/rowsecurity.cpp" line="215"/>
        <source>Only %1, its owner, can change the %2 “%3”, so nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/rowsecurity.cpp" line="241"/>
        <source>Only %1 or an admin can add a %2 that %1 owns: reps may add only records of their own.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerSearchIndex</name>
    <message>
        <location filename="../models/storage/serversearchindex.cpp" line="102"/>
        <source>The server lacks the PostgreSQL extension “pg_trgm”, which Rapport’s quick search needs. Ask the server’s administrator to install the package postgresql-contrib and to run “CREATE EXTENSION pg_trgm;” in database “%1” (server’s reply: %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Transaction</name>
    <message>
        <location filename="../models/storage/transaction.cpp" line="63"/>
        <source>Rapport cannot write here: this work only reads the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/transaction.cpp" line="142"/>
        <source>The database did not confirm the save, so it was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/transaction.cpp" line="184"/>
        <source>Another Rapport is writing to this database; please try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/transaction.cpp" line="188"/>
        <source>The server refused the change: your role may not make it (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Unconverter</name>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="38"/>
        <source>%1 “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="81"/>
        <source>%1 made by the conversion was deleted since.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="90"/>
        <source>%1 was edited since the conversion (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="102"/>
        <source>%1 %2 changed by the conversion was deleted since.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="111"/>
        <source>%1: %2 was changed since the conversion; putting back “%3” would overwrite “%4”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/conversion/unconverter.cpp" line="130"/>
        <source>%1 has %n note(s) added since the conversion.</source>
        <translation><numerusform>%1 has %n note added since the conversion.</numerusform><numerusform>%1 has %n notes added since the conversion.</numerusform></translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="154"/>
        <source>%1 was linked to %2 since the conversion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="198"/>
        <source>There is no lead with id %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="205"/>
        <source>Lead “%1” is not converted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="206"/>
        <source>Rapport has no record of how lead “%1” was converted, so it cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/conversion/unconverter.cpp" line="431"/>
        <source>The conversion cannot be undone without losing changes made since: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserDirectory</name>
    <message>
        <location filename="../models/storage/userdirectory.cpp" line="110"/>
        <location filename="../models/storage/userdirectory.cpp" line="159"/>
        <source>A user needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/userdirectory.cpp" line="116"/>
        <location filename="../models/storage/userdirectory.cpp" line="133"/>
        <location filename="../models/storage/userdirectory.cpp" line="168"/>
        <source>There is a user named “%1” already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/storage/userdirectory.cpp" line="171"/>
        <source>There is no such user.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VersionedSave</name>
    <message>
        <location filename="../ui/records/versionedsave.cpp" line="75"/>
        <source>Deleted Meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/versionedsave.cpp" line="76"/>
        <source>%1 Your changes to “%2” cannot be saved to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/versionedsave.cpp" line="79"/>
        <source>Save your version as a new %1, or discard your changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/versionedsave.cpp" line="81"/>
        <source>Save as &amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/versionedsave.cpp" line="82"/>
        <source>&amp;Discard Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/records/versionedsave.cpp" line="83"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="19"/>
        <source>Rapport, a desktop CRM for small sales teams.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="24"/>
        <source>Database file or postgresql:// address to open (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
