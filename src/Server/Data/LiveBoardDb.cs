using LiveBoard.Client.Admin;
using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Accounts;
using LiveBoard.Server.Features.Admin;
using LiveBoard.Server.Features.Alerts;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.DirectorDuty;
using LiveBoard.Server.Features.Halls;
using LiveBoard.Server.Features.Queue;
using LiveBoard.Server.Features.Reports;
using LiveBoard.Server.Features.Reviews;
using LiveBoard.Server.Features.Staff;
using LiveBoard.Server.Live;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LiveBoard.Server.Data;

/// <summary>
/// The one database. Blazor components use <c>IDbContextFactory&lt;LiveBoardDb&gt;</c> and a
/// context per operation: a scoped context would live as long as the circuit. The factory hands out
/// the provider's subclass (<see cref="SqliteLiveBoardDb"/>, <see cref="PostgresLiveBoardDb"/>), which
/// carries that provider's migrations; this class itself carries only the hand-written migrations
/// that databases made before 2026-12-02 were built with (<see cref="Migrations.HandWritten.HandWrittenMigrations"/>).
/// </summary>
public class LiveBoardDb(DbContextOptions options) : IdentityUserContext<UserAccount, int>(options), IDataProtectionKeyContext
{
    public DbSet<Hall> Halls => Set<Hall>();
    public DbSet<HallHours> HallHours => Set<HallHours>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Business> Businesses => Set<Business>();
    public DbSet<ServiceWindow> Windows => Set<ServiceWindow>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<WhereaboutsRecord> WhereaboutsRecords => Set<WhereaboutsRecord>();
    public DbSet<QueueTicket> Tickets => Set<QueueTicket>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<DirectorDutyShift> DirectorDuty => Set<DirectorDutyShift>();
    public DbSet<DeviceKey> DeviceKeys => Set<DeviceKey>();
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();
    public DbSet<WriterProbe> WriterProbes => Set<WriterProbe>();
    public DbSet<AlertAction> AlertActions => Set<AlertAction>();
    public DbSet<CalendarDay> Calendar => Set<CalendarDay>();
    /// <summary>The data protection key ring, shared by every instance (PersistKeysToDbContext).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<DailyWindowStats> DailyWindowStats => Set<DailyWindowStats>();
    public DbSet<DailyStaffStats> DailyStaffStats => Set<DailyStaffStats>();
    public DbSet<RolledDay> RolledDays => Set<RolledDay>();
    public DbSet<RankingSnapshot> RankingSnapshots => Set<RankingSnapshot>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<HallThresholdSetting> HallThresholds => Set<HallThresholdSetting>();
    public DbSet<RetiredReviewCode> RetiredReviewCodes => Set<RetiredReviewCode>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as Unix milliseconds: SQLite cannot compare DateTimeOffset text in
        // queries, and one integer representation keeps SQLite and PostgreSQL schemas identical.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's users, claims, logins and tokens first; LiveBoard's settings below refine them.
        base.OnModelCreating(builder);
        builder.Entity<Hall>(hall =>
        {
            hall.HasIndex(h => h.Code).IsUnique();
            hall.Property(h => h.Code).HasMaxLength(OrganisationLimits.Code);
            hall.Property(h => h.Name).HasMaxLength(OrganisationLimits.Name);
            hall.Property(h => h.NameEn).HasMaxLength(OrganisationLimits.Name);
        });
        builder.Entity<HallHours>(hours =>
        {
            hours.ToTable("HallHours");
            hours.HasIndex(h => new { h.HallId, h.Day }).IsUnique();
        });
        builder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("AuditEntries");
            entry.Property(e => e.Actor).HasMaxLength(100);
            entry.Property(e => e.Area).HasMaxLength(32);
            entry.Property(e => e.Subject).HasMaxLength(100);
            entry.Property(e => e.Action).HasMaxLength(32);
            entry.HasIndex(e => e.At);
            entry.HasIndex(e => new { e.Area, e.At });
        });
        builder.Entity<Department>(department =>
        {
            department.HasIndex(d => d.Code).IsUnique();
            department.Property(d => d.Code).HasMaxLength(OrganisationLimits.Code);
            department.Property(d => d.Name).HasMaxLength(OrganisationLimits.Name);
            department.Property(d => d.NameEn).HasMaxLength(OrganisationLimits.Name);
        });
        builder.Entity<Business>(business =>
        {
            business.HasIndex(b => b.Code).IsUnique();
            business.Property(b => b.Code).HasMaxLength(OrganisationLimits.Code);
            business.Property(b => b.Name).HasMaxLength(OrganisationLimits.Name);
            business.Property(b => b.NameEn).HasMaxLength(OrganisationLimits.Name);
        });
        builder.Entity<ServiceWindow>(window =>
        {
            window.HasIndex(w => new { w.HallId, w.Number }).IsUnique();
            window.HasIndex(w => w.ReviewCode).IsUnique();
            window.Property(w => w.ReviewCode).HasMaxLength(OrganisationLimits.ReviewCode);
            // Restrict: a department is deactivated, never deleted (decision 0015).
            window.HasOne(w => w.Department).WithMany().OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<StaffMember>(staff =>
        {
            staff.Property(s => s.Number).HasMaxLength(OrganisationLimits.StaffNumber);
            staff.HasIndex(s => s.Number).IsUnique();
            staff.Property(s => s.Name).HasMaxLength(OrganisationLimits.StaffName);
            staff.Property(s => s.Pinyin).HasMaxLength(OrganisationLimits.Pinyin);
            staff.Property(s => s.SearchKey).HasMaxLength(StaffSearchKey.MaxLength);
            staff.Property(s => s.Position).HasMaxLength(OrganisationLimits.Position);
            staff.Property(s => s.WorkPhone).HasMaxLength(OrganisationLimits.WorkPhone);
            staff.HasOne(s => s.Department).WithMany().OnDelete(DeleteBehavior.Restrict);
            staff.HasIndex(s => s.HallId);
        });
        builder.Entity<WhereaboutsRecord>(record =>
        {
            record.Property(r => r.Id).ValueGeneratedNever();
            record.Property(r => r.Note).HasMaxLength(TextLimits.WhereaboutsNote);
            record.Property(r => r.ChangedBy).HasMaxLength(TextLimits.UserName);
            record.Property(r => r.DecidedBy).HasMaxLength(TextLimits.UserName);
            record.HasIndex(r => new { r.StaffId, r.ChangedAt });
        });
        builder.Entity<QueueTicket>(ticket =>
        {
            ticket.Property(t => t.Id).ValueGeneratedNever();
            ticket.Property(t => t.Number).HasMaxLength(TextLimits.Ticket);
            ticket.HasIndex(t => new { t.HallId, t.ServiceDate, t.Number }).IsUnique();
            ticket.HasIndex(t => t.ServiceDate);
        });
        builder.Entity<Review>(review =>
        {
            review.Property(r => r.Id).ValueGeneratedNever();
            review.Property(r => r.Comment).HasMaxLength(TextLimits.ReviewComment);
            // The phone as the data protector encrypted it (TextLimits.Phone characters become about 200).
            review.Property(r => r.ContactPhone).HasMaxLength(400);
            review.HasIndex(r => new { r.HallId, r.SubmittedAt });
            review.HasIndex(r => new { r.WindowId, r.SubmittedAt });
            review.HasIndex(r => r.TicketId);
            review.HasIndex(r => r.SubmittedAt);
        });
        builder.Entity<Alert>(alert =>
        {
            alert.Property(a => a.Version).IsConcurrencyToken();
            alert.Property(a => a.ConditionKey).HasMaxLength(64);
            alert.Property(a => a.AssignedTo).HasMaxLength(TextLimits.UserName);
            alert.Property(a => a.Resolution).HasMaxLength(TextLimits.AlertNote);
            alert.Property(a => a.AppealReason).HasMaxLength(TextLimits.AlertNote);
            alert.Property(a => a.ReturnCallOutcome).HasMaxLength(TextLimits.AlertNote);
            alert.HasIndex(a => new { a.HallId, a.Status });
            alert.HasIndex(a => a.ConditionKey);
            alert.HasIndex(a => a.RaisedAt);
        });
        builder.Entity<DirectorDutyShift>(shift =>
        {
            shift.Property(s => s.DirectorName).HasMaxLength(50);
            shift.Property(s => s.Position).HasMaxLength(100);
            shift.HasIndex(s => s.Date);
        });
        builder.Entity<DeviceKey>(key =>
        {
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Prefix).HasMaxLength(32);
            key.HasIndex(k => k.Prefix).IsUnique();
        });
        builder.Entity<AlertAction>(action =>
        {
            action.Property(a => a.By).HasMaxLength(TextLimits.UserName);
            action.Property(a => a.Action).HasMaxLength(40);
            action.Property(a => a.Note).HasMaxLength(TextLimits.AlertNote);
            action.HasIndex(a => a.AlertId);
        });
        builder.Entity<CalendarDay>(day =>
        {
            day.ToTable("Calendar");
            day.HasKey(d => d.Date);
            day.Property(d => d.Name).HasMaxLength(50);
        });
        builder.Entity<UserAccount>(user =>
        {
            // The table and the columns the accounts had before Identity, so their rows carry over.
            user.ToTable("Users");
            user.Property(u => u.UserName).HasMaxLength(TextLimits.UserName).IsRequired();
            user.Property(u => u.NormalizedUserName).HasMaxLength(TextLimits.UserName);
            user.Property(u => u.DisplayName).HasMaxLength(100);
            user.Property(u => u.PasswordHash).HasMaxLength(200);
            user.Property(u => u.SecurityStamp).HasMaxLength(64);
            user.Property(u => u.ConcurrencyStamp).HasMaxLength(64);
            user.Property(u => u.PhoneNumber).HasMaxLength(30);
            user.Property(u => u.AccessFailedCount).HasColumnName("FailedSignIns");
            user.Property(u => u.LockoutEnd).HasColumnName("LockedUntil");
        });
        builder.Entity<HallThresholdSetting>(setting =>
        {
            setting.ToTable("HallThresholds");
            setting.HasKey(s => s.HallId);
            setting.HasOne<Hall>().WithMany().HasForeignKey(s => s.HallId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<RetiredReviewCode>(retired =>
        {
            retired.HasKey(r => r.Code);
            retired.Property(r => r.Code).HasMaxLength(16);
            retired.Property(r => r.RetiredBy).HasMaxLength(100);
            retired.HasIndex(r => r.WindowId);
            retired.HasOne<ServiceWindow>().WithMany().HasForeignKey(r => r.WindowId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<DailyWindowStats>(stats => stats.HasKey(s => new { s.Day, s.WindowId }));
        builder.Entity<DailyStaffStats>(stats => stats.HasKey(s => new { s.Day, s.StaffId, s.WindowId }));
        builder.Entity<RolledDay>(day => day.HasKey(d => d.Day));
        builder.Entity<RankingSnapshot>(snapshot =>
        {
            snapshot.Property(s => s.Period).HasMaxLength(32);
            snapshot.HasIndex(s => new { s.Period, s.Scope }).IsUnique();
        });
        builder.Entity<DataProtectionKey>(key =>
        {
            key.Property(k => k.FriendlyName).HasMaxLength(200);
            key.Property(k => k.Xml).IsRequired();
        });
        builder.Entity<JournalEntry>(entry =>
        {
            entry.ToTable("Journal");
            entry.HasKey(e => e.Sequence);
            entry.Property(e => e.Sequence).ValueGeneratedNever();
            entry.Property(e => e.ClientEventId).HasMaxLength(TextLimits.EventId);
            entry.Property(e => e.Type).HasMaxLength(40);
            entry.HasIndex(e => new { e.DeviceId, e.ClientEventId }).IsUnique();
            entry.HasIndex(e => e.ReceivedAt);
        });
        builder.Entity<WriterProbe>(probe => probe.Property(p => p.Id).ValueGeneratedNever());
    }
}

public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    instant => instant.ToUnixTimeMilliseconds(),
    milliseconds => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
